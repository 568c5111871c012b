import test from 'ava';
import { HypervisorError } from '../../../../daemons/common/errors.js';
import { InstanceMonitor } from '../../../../daemons/hypervisor/kvm/monitor.js';
import { QmpClient, QmpCommandError, type QmpEvent } from '../../../../daemons/hypervisor/kvm/qmp.js';
import { FakeQmpServer } from './helpers/fake-qmp-server.js';

const servers: FakeQmpServer[] = [];
async function server(): Promise<FakeQmpServer> {
  const s = await new FakeQmpServer().listen();
  servers.push(s);
  return s;
}
test.after.always(async () => { for (const s of servers) await s.close(); });

test('connect negotiates capabilities first, then commands return their values', async (t) => {
  const s = await server();
  const c = await QmpClient.connect(s.path);
  t.deepEqual((c.serverInfo as { capabilities: string[] }).capabilities, ['oob']);
  t.deepEqual(await c.execute('query-status'), { status: 'running', running: true, singlestep: false });
  t.deepEqual(s.received.map((m) => m.execute), ['qmp_capabilities', 'query-status']);
  t.true(s.received.every((m) => typeof m.id === 'string'));
  c.close();
});

test('replies are matched to their commands by id, even out of order', async (t) => {
  const s = await server();
  s.handlers.set('slow', () => ({ return: 'slow-answer', delayMs: 80 }));
  s.handlers.set('fast', () => ({ return: 'fast-answer' }));
  const c = await QmpClient.connect(s.path);
  const order: string[] = [];
  const slow = c.execute('slow').then((v) => { order.push(String(v)); return v; });
  const fast = c.execute('fast').then((v) => { order.push(String(v)); return v; });
  t.deepEqual(await Promise.all([slow, fast]), ['slow-answer', 'fast-answer']);
  t.deepEqual(order, ['fast-answer', 'slow-answer']);
  c.close();
});

test('error replies reject with the command, class and description', async (t) => {
  const s = await server();
  s.handlers.set('balloon', (args) => ({ error: { class: 'DeviceNotActive', desc: `No balloon device has been activated (asked ${String(args?.value)})` } }));
  const c = await QmpClient.connect(s.path);
  const err = await t.throwsAsync(c.execute('balloon', { value: 64 }), { instanceOf: QmpCommandError });
  t.is(err.errorClass, 'DeviceNotActive');
  t.is(err.message, "QMP command 'balloon' failed: DeviceNotActive: No balloon device has been activated (asked 64)");
  const unknown = await t.throwsAsync(c.execute('no-such-command'), { instanceOf: QmpCommandError });
  t.is(unknown.errorClass, 'CommandNotFound');
  t.deepEqual(s.received.at(-2)?.arguments, { value: 64 });
  c.close();
});

test('events reach listeners while commands go on', async (t) => {
  const s = await server();
  const c = await QmpClient.connect(s.path);
  const events: QmpEvent[] = [];
  c.on('event', (e) => events.push(e));
  s.emitEvent('SHUTDOWN', { guest: true, reason: 'guest-shutdown' });
  await c.execute('query-status');
  t.deepEqual(events, [{ event: 'SHUTDOWN', data: { guest: true, reason: 'guest-shutdown' }, timestamp: { seconds: 1, microseconds: 2 } }]);
  c.close();
});

test('a closed connection rejects pending and later commands; timeouts and aborts reject', async (t) => {
  const s = await server();
  s.handlers.set('never', () => ({ return: 1, delayMs: 60_000 }));
  const c = await QmpClient.connect(s.path);
  const closed = new Promise((resolve) => c.once('close', resolve));
  const pending = c.execute('never');
  s.dropClients();
  await t.throwsAsync(pending, { instanceOf: HypervisorError, message: /QMP connection to .* (closed|failed)/ });
  await closed;
  await t.throwsAsync(c.execute('query-status'), { instanceOf: HypervisorError, message: /QMP connection to .* (closed|failed)/ });

  const c2 = await QmpClient.connect(s.path);
  await t.throwsAsync(c2.execute('never', undefined, { timeoutMs: 50 }), { message: /timed out after 50 ms/ });
  const ac = new AbortController();
  const aborted = c2.execute('never', undefined, { signal: ac.signal });
  ac.abort();
  await t.throwsAsync(aborted, { message: /aborted/ });
  t.is(await c2.execute('query-status').then(() => 'still usable'), 'still usable');
  c2.close();
});

test('connecting to a peer that never greets, or to no socket, fails clearly', async (t) => {
  const s = await server();
  s.greet = false;
  await t.throwsAsync(QmpClient.connect(s.path, { timeoutMs: 100 }), { message: /No QMP greeting on .* within 100 ms/ });
  await t.throwsAsync(QmpClient.connect(`${s.dir}/missing.sock`, { timeoutMs: 500 }), { instanceOf: HypervisorError, message: /QMP connection to .* failed/ });
});

test('the instance monitor keeps one connection, reconnects after a drop, and forwards events', async (t) => {
  const s = await server();
  const seen: string[] = [];
  const m = new InstanceMonitor('vm1', s.path, (name, ev) => seen.push(`${name}:${ev.event}`));
  await Promise.all([m.execute('query-status'), m.execute('query-status'), m.execute('query-status')]);
  t.is(s.received.filter((r) => r.execute === 'qmp_capabilities').length, 1);
  t.is(s.connections, 1);
  s.emitEvent('RESET', { guest: false });
  await m.execute('query-status');
  t.deepEqual(seen, ['vm1:RESET']);
  s.dropClients();
  // The drop reaches the monitor when the event loop gets to it (later on a loaded machine).
  for (let i = 0; i < 500 && m.connected; i++) await new Promise((r) => setTimeout(r, 10));
  t.false(m.connected, 'the monitor sees the connection gone');
  await m.execute('query-status');
  t.is(s.received.filter((r) => r.execute === 'qmp_capabilities').length, 2);
  m.close();
  await t.throwsAsync(m.execute('query-status'), { message: /closed/ });
});
