// The decisions of gnt-cluster master-failover (bootstrap/master-failover.ts): the vote needs
// a majority of the nodes answering and agreeing on the current master; a candidate with a
// newer config than ours blocks the take-over (Ganeti issue 1242).
import test from 'ava';
import { judgeVotes, newerCandidate } from '../../../daemons/masterd/bootstrap/master-failover.js';

const v = (node: string, master: string, serial = 10, hasConfig = true) => ({ node, master, serial, hasConfig });

test('the vote: a majority must answer and agree on the old master', (t) => {
  t.is(judgeVotes([v('n2', 'n1'), v('n3', 'n1'), v('n1', 'n1')], 3, 'n1'), null);
  t.is(judgeVotes([v('n2', 'n1'), v('n3', 'n1')], 3, 'n1'), null, 'two of three answering is a majority');
  t.regex(judgeVotes([v('n2', 'n1')], 3, 'n1') ?? '', /Cannot reach a majority of the nodes \(1 of 3 answered\).*--no-voting/);
  t.regex(judgeVotes([v('n2', 'n1'), v('n3', 'n4'), v('n4', 'n4')], 4, 'n1') ?? '', /do not agree that n1 is the master \(votes: n1: 1, n4: 2\)/);
  t.regex(judgeVotes([v('n2', 'n1'), v('n3', 'n1'), v('n4', 'n4'), v('n5', 'n4')], 5, 'n1') ?? '', /do not agree/, 'a tie is no agreement');
});

test('issue 1242: the newest candidate config newer than ours, nodes without a config ignored', (t) => {
  t.is(newerCandidate([v('n2', 'n1', 10), v('n3', 'n1', 9)], 10), null);
  t.is(newerCandidate([v('n2', 'n1', 12), v('n3', 'n1', 15), v('n4', 'n1', 99, false)], 10)?.node, 'n3');
});
