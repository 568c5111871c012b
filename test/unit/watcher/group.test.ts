// One group run against a scripted master: which jobs the watcher submits for which
// instance states, that each carries the reason gnt:watcher, the 5-tries give-up, and
// disk activation after a node reboot.
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAXTRIES, runGroup, stateFile, type GroupRunContext } from '../../../tools/watcher/group.js';
import type { WatcherLog } from '../../../tools/watcher/log.js';
import type { OpcodeDict } from '../../../daemons/common/client/master-api.js';
import { FakeMaster, row } from '../gnt-cli/helpers/fake-master.js';

const G = '5f1e0c9a-0000-4000-8000-000000000001';

interface Inst { name: string; status: string; admin?: string; source?: string; disksActive?: boolean; snodes?: string[] }

function setup(t: { teardown(fn: () => void): void }, insts: Inst[], nodes: [string, string | null, boolean][] = [['node1', 'boot-a', false]]) {
  const dir = mkdtempSync(join(tmpdir(), 'watcher-group-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const m = new FakeMaster();
  m.queryHandler = (q) => {
    if (q.what === 'instance') {
      return { fields: [], rows: insts.map((i) => row(i.name, i.status, i.admin ?? 'up', i.source ?? 'admin', i.disksActive ?? true,
        i.snodes ?? [], G, (i.snodes ?? []).map(() => G), 'diskless')) };
    }
    if (q.what === 'node') return { fields: [], rows: nodes.map(([n, b, off]) => [{ status: 0, value: n }, { status: b ? 0 : 2, value: b }, { status: 0, value: off }]) };
    return { fields: [], rows: [] };
  };
  m.scriptJob = (ops) => (ops[0]!.OP_ID === 'OP_GROUP_VERIFY_DISKS'
    ? { status: 'success', opresult: [[{}, [], {}]], opstatus: ['success'] }
    : { status: 'success', opresult: [null], opstatus: ['success'] });
  const lines: string[] = [];
  const add = (level: string) => (msg: string) => { lines.push(`${level} ${msg}`); };
  const log: WatcherLog = { debug: add('DEBUG'), info: add('INFO'), warning: add('WARNING'), error: add('ERROR'), critical: add('CRITICAL') };
  const ctx: GroupRunContext = { master: m, log, dataDir: dir, allGroups: [G], noVerifyDisks: false, noStrict: true };
  return { m, ctx, lines, dir };
}

const ops = (m: FakeMaster) => m.submitted.flat();
const ids = (list: OpcodeDict[]) => list.map((o) => `${o.OP_ID}(${String(o.instance_name ?? o.group_name)})`);

test('ERROR_down is restarted, USER_down cleaned up, healthy and admin-down ones are left alone', async (t) => {
  const { m, ctx } = setup(t, [
    { name: 'crashed', status: 'ERROR_down' },
    { name: 'guest-off', status: 'USER_down' },
    { name: 'cleaned', status: 'USER_down', admin: 'down', source: 'user' },
    { name: 'ok', status: 'running' },
    { name: 'stopped', status: 'ADMIN_down', admin: 'down' },
    { name: 'saved', status: 'suspended', admin: 'suspended' },   // issue 13: its state is on disk, not to be started
  ]);
  await runGroup(ctx, G);
  t.deepEqual(ids(ops(m)).sort(), [`OP_GROUP_VERIFY_DISKS(${G})`, 'OP_INSTANCE_SHUTDOWN(guest-off)', 'OP_INSTANCE_STARTUP(crashed)']);
  const shutdown = ops(m).find((o) => o.OP_ID === 'OP_INSTANCE_SHUTDOWN')!;
  t.is(shutdown.admin_state_source, 'user');
  const verify = ops(m).find((o) => o.OP_ID === 'OP_GROUP_VERIFY_DISKS')!;
  t.like(verify, { priority: 10, is_strict: false });
  for (const op of ops(m)) {
    const [src, why, ns] = (op.reason as [string, string, number][])[0]!;
    t.is(src, 'gnt:watcher');
    t.true(why.length > 0 && ns > 1e18, `reason of ${op.OP_ID}`);
  }
  t.true(m.archived.length === 1, 'the verify job is archived');
  const state = JSON.parse(readFileSync(stateFile(ctx.dataDir, G), 'utf8'));
  t.is(state.instance.crashed.restart_count, 1);
  t.is(state.node.node1.bootid, 'boot-a');
});

test('after MAXTRIES failed restarts the watcher gives up and says so', async (t) => {
  const { m, ctx, lines } = setup(t, [{ name: 'w1', status: 'ERROR_down' }]);
  ctx.noVerifyDisks = true;
  m.scriptJob = () => ({ status: 'error', opresult: [['OpExecError', ['Could not start instance: not enough memory', '']]], opstatus: ['error'] });
  for (let run = 1; run <= MAXTRIES + 2; run++) await runGroup(ctx, G);
  t.is(ops(m).length, MAXTRIES, 'exactly five restart jobs');
  t.is(lines.filter((l) => /^ERROR Error while restarting instance 'w1': Could not start instance: not enough memory/.test(l)).length, MAXTRIES);
  t.true(lines.includes("ERROR Could not restart instance 'w1' after 5 attempts, giving up"));
  t.true(lines.includes("WARNING Not restarting instance 'w1', retries exhausted"));
  const state = JSON.parse(readFileSync(stateFile(ctx.dataDir, G), 'utf8'));
  t.is(state.instance.w1.restart_count, MAXTRIES + 1);
});

test('a running instance clears its record; a node reboot re-activates its secondaries\' disks', async (t) => {
  const insts: Inst[] = [{ name: 'w1', status: 'ERROR_down' }, { name: 'd1', status: 'running', snodes: ['node2'] }];
  const nodes: [string, string | null, boolean][] = [['node1', 'boot-a', false], ['node2', 'boot-b', false]];
  const { m, ctx, lines } = setup(t, insts, nodes);
  ctx.noVerifyDisks = true;
  await runGroup(ctx, G);
  t.deepEqual(ids(ops(m)).sort(), ['OP_INSTANCE_ACTIVATE_DISKS(d1)', 'OP_INSTANCE_STARTUP(w1)'], 'first run: every boot id is new');
  m.submitted = [];
  insts[0]!.status = 'running';
  await runGroup(ctx, G);
  t.deepEqual(ops(m), [], 'nothing to do on an unchanged cluster');
  t.true(lines.includes("INFO Restart of instance 'w1' succeeded"));
  nodes[1]![1] = 'boot-c';
  // A master without OP_INSTANCE_ACTIVATE_DISKS: logged, not fatal.
  m.refuse = (o) => (o[0]!.OP_ID === 'OP_INSTANCE_ACTIVATE_DISKS' ? { class: 'OpCodeUnknown', message: "Unknown opcode 'OP_INSTANCE_ACTIVATE_DISKS'", ecode: 'wrong_input' } : null);
  await runGroup(ctx, G);
  t.true(lines.includes('INFO Not activating disks of d1: the master does not support OP_INSTANCE_ACTIVATE_DISKS'));
  const state = JSON.parse(readFileSync(stateFile(ctx.dataDir, G), 'utf8'));
  t.deepEqual(state.instance, {});
  t.is(state.node.node2.bootid, 'boot-c');
});

test('a pending verify job for the group is not submitted twice', async (t) => {
  const { m, ctx, lines } = setup(t, [{ name: 'ok', status: 'running' }]);
  const base = m.queryHandler;
  m.queryHandler = (q) => (q.what === 'job' ? { fields: [], rows: [row(7, [`GROUP_VERIFY_DISKS(${G})`])] } : base(q));
  await runGroup(ctx, G);
  t.deepEqual(ops(m), []);
  t.true(lines.some((l) => /already pending/.test(l)));
});
