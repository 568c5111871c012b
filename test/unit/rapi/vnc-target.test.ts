// Where ganeti-rapi's VNC console connects on the primary node: the instance's bind address and
// network port (a wildcard bind through the node's loopback), or its Unix socket; and what it
// refuses (no VNC, TLS, stopped, no port) with an error naming why.
import test from 'ava';
import { HttpError } from '../../../daemons/rapi/http-error.js';
import { hasVnc, vncBridge, vncSocatAddress } from '../../../daemons/rapi/vnc-target.js';

const row = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'vm1', status: 'running', pnode: 'node2', hypervisor: 'kvm', network_port: 11001,
  'hv/vnc_bind_address': '127.0.0.1', 'hv/vnc_tls': false, ...over,
});

test('only kvm instances with vnc_bind_address have a browser VNC console', (t) => {
  t.true(hasVnc(row()));
  t.false(hasVnc(row({ 'hv/vnc_bind_address': '' })));
  t.false(hasVnc(row({ 'hv/vnc_bind_address': null })));
  t.false(hasVnc(row({ hypervisor: 'fake' })));
});

test('the socat address on the node: bind address and port, loopback for wildcards, or the socket path', (t) => {
  t.is(vncSocatAddress('127.0.0.1', 11001), 'TCP4:127.0.0.1:11001');
  t.is(vncSocatAddress('0.0.0.0', 5901), 'TCP4:127.0.0.1:5901');
  t.is(vncSocatAddress('::', 5901), 'TCP6:[::1]:5901');
  t.is(vncSocatAddress('/run/vnc/vm1.sock', null), 'UNIX-CONNECT:/run/vnc/vm1.sock');
  const e = t.throws(() => vncSocatAddress('127.0.0.1', null), { instanceOf: HttpError });
  t.is(e.code, 503);
  t.regex(e.message, /network_port null/);
});

test('the bridge runs socat on the primary node, through its cmd script on a virtual cluster', (t) => {
  t.deepEqual(vncBridge(row(), '/vc/node2', { host: '127.0.0.11', port: 10022, user: 'vcuser' }), {
    instance: 'vm1', kind: 'ssh', host: '127.0.0.11', port: 10022, user: 'vcuser',
    command: ['/vc/node2/cmd', 'socat', '-', 'TCP4:127.0.0.1:11001'],
  });
  const real = vncBridge(row(), '', { host: 'node2', port: 22 });
  t.deepEqual([real.user, real.command], ['root', ['socat', '-', 'TCP4:127.0.0.1:11001']]);
});

test('refusals name the reason', (t) => {
  const status = (r: Record<string, unknown>) => t.throws(() => vncBridge(r, '', { host: 'node2', port: 22 }), { instanceOf: HttpError });
  t.is(status(row({ 'hv/vnc_bind_address': '' })).code, 501);
  t.regex(status(row({ 'hv/vnc_tls': true })).message, /vnc_tls/);
  const stopped = status(row({ status: 'ADMIN_down' }));
  t.is(stopped.code, 503);
  t.regex(stopped.message, /not running \(status ADMIN_down\)/);
});
