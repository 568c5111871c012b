// The master IP setup on a node: the default script on a virtual cluster records what it
// would do and touches no interface; the administrator's script (use_external_mip_script)
// gets the action and Ganeti's environment; bad parameters are refused naming the value.
import test from 'ava';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nullLogger } from '../../../daemons/common/log.js';
import { externalMipScript, masterIpStateFile, nodeActivateMasterIp, nodeDeactivateMasterIp } from '../../../daemons/noded/backend/master-ip.js';
import { makeTempNode } from './helpers/temp-node.js';

const REQ = { netdev: 'lo', ip: '127.0.146.254', netmask: 32, ip_version: 4, use_external_mip_script: false };

test('the default script on a virtual cluster records the address instead of configuring it', async (t) => {
  const node = makeTempNode();
  try {
    const ctx = { paths: node.paths, logger: nullLogger };
    await nodeActivateMasterIp(ctx, REQ);
    const on = JSON.parse(readFileSync(masterIpStateFile(node.paths), 'utf8'));
    t.like(on, { active: true, MASTER_NETDEV: 'lo', MASTER_IP: '127.0.146.254', MASTER_NETMASK: '32', CLUSTER_IP_VERSION: '4' });
    t.deepEqual(on.would_run, ['ip', 'address', 'add', '127.0.146.254/32', 'dev', 'lo', 'label', 'lo:0']);
    await nodeDeactivateMasterIp(ctx, REQ);
    t.like(JSON.parse(readFileSync(masterIpStateFile(node.paths), 'utf8')), { active: false });
  } finally { node.cleanup(); }
});

test('the external script gets the action and MASTER_NETDEV, MASTER_IP, MASTER_NETMASK, CLUSTER_IP_VERSION', async (t) => {
  const node = makeTempNode();
  try {
    const ctx = { paths: node.paths, logger: nullLogger };
    const req = { ...REQ, use_external_mip_script: true };
    await t.throwsAsync(nodeActivateMasterIp(ctx, req), { message: /master-ip-setup does not exist on this node/ });
    const script = externalMipScript(node.paths);
    const log = join(node.root, 'mip.log');
    mkdirSync(dirname(script), { recursive: true });
    writeFileSync(script, `#!/bin/sh\necho "$1 $MASTER_NETDEV $MASTER_IP $MASTER_NETMASK $CLUSTER_IP_VERSION" >> ${log}\n`);
    chmodSync(script, 0o755);
    await nodeActivateMasterIp(ctx, req);
    await nodeDeactivateMasterIp(ctx, req);
    t.is(readFileSync(log, 'utf8'), 'start lo 127.0.146.254 32 4\nstop lo 127.0.146.254 32 4\n');
    writeFileSync(script, '#!/bin/sh\necho "no such device" >&2\nexit 3\n');
    await t.throwsAsync(nodeActivateMasterIp(ctx, req), { message: /master-ip-setup start failed: no such device/ });
  } finally { node.cleanup(); }
});

test('bad parameters are refused naming the value', async (t) => {
  const node = makeTempNode();
  try {
    const ctx = { paths: node.paths, logger: nullLogger };
    await t.throwsAsync(nodeActivateMasterIp(ctx, { ...REQ, netmask: 33 }), { message: /Invalid master netmask 33 \(allowed: 0-32 for IPv4\)/ });
    await t.throwsAsync(nodeActivateMasterIp(ctx, { ...REQ, ip: '1.2.3' }), { message: /Invalid master IP address '1.2.3'/ });
    await t.throwsAsync(nodeActivateMasterIp(ctx, { ...REQ, netdev: '-rf' }), { message: /Invalid master network device '-rf'/ });
  } finally { node.cleanup(); }
});
