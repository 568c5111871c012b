// Where a console's ssh reaches a node (the master's console answer and ganeti-rapi's VNC
// bridge share it): name and ssh_port on a real cluster; primary IP and the cluster's ssh
// user on a virtual one; a bad port falls back to 22. And ssh without a terminal for VNC.
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeSshTarget, sshCommand } from '../../../daemons/common/client/console.js';

const node = { name: 'node2.example.com', primary_ip: '192.0.2.12' };

test('a real cluster: the node by name, its ssh_port', (t) => {
  t.deepEqual(nodeSshTarget(node, 2222, null), { host: 'node2.example.com', port: 2222 });
  t.deepEqual(nodeSshTarget(node, undefined, null), { host: 'node2.example.com', port: 22 });
  t.deepEqual(nodeSshTarget(node, 'x', null), { host: 'node2.example.com', port: 22 });
});

test('a virtual cluster: the node by primary IP, the cluster ssh user', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'console-ssh-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'vcluster.json'), JSON.stringify({ ssh_user: 'vc', ssh_key: '/k', ssh_port: 10022 }));
  t.deepEqual(nodeSshTarget(node, 10022, dir), { host: '192.0.2.12', port: 10022, user: 'vc' });
});

test('ssh asks for a terminal for the serial console, none for a byte stream', (t) => {
  const c = { host: 'h', port: 22, user: 'root', command: ['socat', '-', 'TCP4:127.0.0.1:5901'] };
  t.true(sshCommand(c).includes('-t'));
  const raw = sshCommand(c, [], false);
  t.false(raw.includes('-t'));
  t.true(raw.includes('-T'));
  t.is(raw.at(-1), 'socat - TCP4:127.0.0.1:5901');
});
