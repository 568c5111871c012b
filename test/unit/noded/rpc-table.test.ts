// The node RPC table is derived from node.proto: noded serves exactly the descriptor's methods
// from its backend table, and each call's deadline is the method's (ganeti.timeout) class.
import test from 'ava';
import { methodTimeout, RpcTimeout, serviceMethods } from '../../../daemons/common/rpc.js';
import { NODE_BACKEND } from '../../../daemons/noded/backend/rpcs.js';
import { createNodeDaemonHandlers } from '../../../daemons/noded/service.js';
import { nullLogger } from '../../../daemons/common/log.js';
import { makeTempNode } from './helpers/temp-node.js';

test('noded serves every NodeDaemon method of the descriptor, and only those', (t) => {
  const methods = Object.keys(serviceMethods('NodeDaemon')).sort();
  t.deepEqual(Object.keys(NODE_BACKEND).sort(), methods);
  const tmp = makeTempNode();
  try {
    const handlers = createNodeDaemonHandlers({ paths: tmp.paths, logger: nullLogger }, { onLeaveCluster: () => undefined });
    t.deepEqual([...handlers.keys()].sort(), methods);
  } finally {
    tmp.cleanup();
  }
});

test('timeout classes come from node.proto, NORMAL when a method names none', (t) => {
  t.is(methodTimeout('Version'), RpcTimeout.Urgent);
  t.is(methodTimeout('InstanceInfo'), RpcTimeout.Urgent);
  t.is(methodTimeout('WriteSsconfFiles'), RpcTimeout.Fast);
  t.is(methodTimeout('InstanceOsRename'), RpcTimeout.Slow);
  t.is(methodTimeout('InstanceOsAdd'), RpcTimeout.FourHours);
  t.is(methodTimeout('TestDelay'), RpcTimeout.OneDay);
  t.is(methodTimeout('BlockdevCreate'), RpcTimeout.Normal);
  t.is(methodTimeout('UploadFile'), RpcTimeout.Normal);
});
