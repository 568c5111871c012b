import test from 'ava';
import { allocatePort, releasePort } from '../../../../daemons/masterd/cmdlib/instance/ports.js';
import type { Cluster } from '../../../../daemons/common/objects.js';

const cluster = (highest: number, pool: number[] = []) => ({ highest_used_port: highest, tcpudp_port_pool: pool }) as unknown as Cluster;

test('console ports start at 11000 and count up', (t) => {
  const cl = cluster(10999);
  t.is(allocatePort(cl), 11000);
  t.is(allocatePort(cl), 11001);
  t.is(cl.highest_used_port, 11001);
});

test('a freed port is reused before a new one is taken', (t) => {
  const cl = cluster(11005);
  releasePort(cl, 11002);
  releasePort(cl, 11002);
  t.deepEqual(cl.tcpudp_port_pool, [11002]);
  t.is(allocatePort(cl), 11002);
  t.is(allocatePort(cl), 11006);
});

test('the pool ends at 14999 with a clear error', (t) => {
  t.throws(() => allocatePort(cluster(14999)), { message: /greater than 14999/ });
});
