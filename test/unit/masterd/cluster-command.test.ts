// gnt-cluster command / copyfile on the master: Ganeti's node selection (GetOnlineNodes) and
// order (natural, master last), and the cluster-wide path of a copied file.
import test from 'ava';
import { clusterPath, commandOrder, onlineNodes } from '../../../daemons/masterd/bootstrap/cluster-command.js';
import { resolvePaths } from '../../../daemons/common/paths.js';
import { clusterConfig, node } from './helpers/cluster-config.js';

const cfg = () => {
  const c = clusterConfig({ nodes: [node('n1', 'node3'), node('n2', 'node10'), node('n3', 'node2'), node('n4', 'node1', { offline: true }), node('n5', 'node4', { group: 'g2' })] });
  c.cluster.master_node = 'n1';
  c.nodegroups.g2 = { ...c.nodegroups.g1!, uuid: 'g2', name: 'other' };
  return c;
};

test('all online nodes in natural order, the master last; offline ones named in a note', (t) => {
  const notes: string[] = [];
  const names = commandOrder(cfg(), onlineNodes(cfg(), { nodes: [] }, (n) => notes.push(n))).map((n) => n.name);
  t.deepEqual(names, ['node2', 'node4', 'node10', 'node3']);
  t.deepEqual(notes, ['Note: skipping offline node(s): node1']);
});

test('-n, -g and filter_master select; unknown names and groups are errors', (t) => {
  const none = () => {};
  t.deepEqual(onlineNodes(cfg(), { nodes: ['node10', 'node2'] }, none).map((n) => n.name), ['node2', 'node10']);
  t.deepEqual(onlineNodes(cfg(), { nodes: [], group: 'other' }, none).map((n) => n.name), ['node4']);
  t.deepEqual(onlineNodes(cfg(), { nodes: [], filterMaster: true }, none).map((n) => n.name), ['node2', 'node4', 'node10']);
  t.throws(() => onlineNodes(cfg(), { nodes: ['nodeX'] }, none), { message: /Node\(s\) nodeX not known/ });
  t.throws(() => onlineNodes(cfg(), { nodes: [], group: 'nope' }, none), { message: /Node group 'nope' not known/ });
  t.throws(() => onlineNodes(cfg(), { nodes: ['node2'], group: 'other' }, none), { message: /Only one of/ });
});

test('a copied file\'s path is relative to the node root on a virtual cluster', (t) => {
  const p = resolvePaths({ GANETI_ROOTDIR: '/vc/node1', GANETI_HOSTNAME: 'node1' });
  t.is(clusterPath(p, '/vc/node1/etc/ganeti/hooks/x'), '/etc/ganeti/hooks/x');
  t.throws(() => clusterPath(p, '/tmp/x'), { message: /not below this node's root/ });
  t.is(clusterPath(resolvePaths({}), '/etc/motd'), '/etc/motd');
});
