// The Hypervisor conformance suite (Nomad's driver harness, like test/unit/storage/conformance.ts):
// what every driver must do through the Hypervisor interface, and every capability its
// descriptor declares, exercised. A driver's test file calls hypervisorConformance() with a
// factory for its driver on a node dir; the suite fails when the driver and its descriptor
// disagree, so "adding a hypervisor" is done when this passes.
import test, { type ExecutionContext } from 'ava';
import { basename, dirname, join } from 'node:path';
import { HypervisorError, ParameterError } from '../../../daemons/common/errors.js';
import type { Paths } from '../../../daemons/common/paths.js';
import { hypervisorDescriptor, type HypervisorDescriptor } from '../../../daemons/hypervisor/descriptors.js';
import type { HvInstance, Hypervisor, ReattachReport } from '../../../daemons/hypervisor/hypervisor.js';
import { asMigrating, isMigrating } from '../../../daemons/hypervisor/migrating.js';
import { asSuspending, isSuspending } from '../../../daemons/hypervisor/suspending.js';
import { asDiskSnapshotting } from '../../../daemons/hypervisor/disk-snapshotting.js';
import { makeTempNode, writeCapacity, type TempNode } from '../noded/helpers/temp-node.js';

export interface HypervisorConformanceOptions {
  /** An instance this driver can start on a node, with filled hvparams (plus `hvparams`). */
  instance(name: string, hvparams?: Record<string, unknown>): HvInstance;
  /** Disk paths for an instance on this node (files made on the node), as noded passes them. */
  disks?(node: TempNode, name: string): string[];
  /** Values the descriptor must refuse (each over the defaults), with a message pattern. */
  badParams: [Record<string, unknown>, RegExp][];
  /** Timeout of the soft stop (the guest may take a while to answer ACPI). */
  softStopTimeoutMs?: number;
  /** Run the tests one at a time (real machines on a small host). */
  serial?: boolean;
  /** How long a migration may take to complete. */
  migrationTimeoutMs?: number;
  /** Called with every node dir made, for clean-up of what the driver left (processes). */
  onNode?(node: TempNode): void;
}

/** The abilities a descriptor may declare, and whether this suite exercises them yet: a driver
 * declaring one without a check fails until the check is written here. */
const ABILITIES: Record<string, boolean> = { migrate: true, liveMigration: true, hotplug: false, suspend: true, snapshot: true, liveSnapshot: true };

type Factory = (paths: Paths) => Hypervisor;
interface Node { node: TempNode; hv: Hypervisor }
type WithClose = Hypervisor & { close?(): void; reattach?(): Promise<ReattachReport> };

export function hypervisorConformance(name: string, factory: Factory, opts: HypervisorConformanceOptions): void {
  const desc: HypervisorDescriptor = hypervisorDescriptor(name);
  const made: { node: TempNode; drivers: WithClose[] }[] = [];
  const run = opts.serial ? test.serial : test;
  const softMs = opts.softStopTimeoutMs ?? 5000;

  test.after.always(async () => {
    for (const m of made) {
      for (const hv of m.drivers) {
        for (const n of await hv.listInstances().catch(() => [])) await hv.stopInstance(opts.instance(n), { force: true }).catch(() => undefined);
        hv.close?.();
      }
      m.node.cleanup();
    }
  });

  function fresh(hostname = 'node1'): Node {
    const node = makeTempNode(hostname);
    writeCapacity(node.paths, { cpus: 4, memory: 8192, memory_dom0: 512 });
    opts.onNode?.(node);
    const hv = factory(node.paths) as WithClose;
    made.push({ node, drivers: [hv] });
    return { node, hv };
  }
  /** A new driver object on the same node dir: what a noded restart gives. */
  function restart(n: Node): WithClose {
    (n.hv as WithClose).close?.();
    const hv = factory(n.node.paths) as WithClose;
    made.find((m) => m.node === n.node)!.drivers.push(hv);
    return hv;
  }
  const disks = (n: Node, inst: string) => opts.disks?.(n.node, inst) ?? [];
  async function state(t: ExecutionContext, hv: Hypervisor, inst: string): Promise<string | null> {
    const info = await hv.getInstanceInfo(inst);
    if (info) t.is(info.name, inst);
    return info?.state ?? null;
  }

  run(`${name}: the driver is what its descriptor declares, and load() gives it`, async (t) => {
    const { node, hv } = fresh();
    t.is(hv.kind, desc.name);
    t.deepEqual(hv.capabilities, desc.capabilities);
    t.is(hv.params, desc.params);
    const loaded = (await desc.load())(node.paths) as WithClose;
    t.is(loaded.kind, desc.name);
    t.is(Object.getPrototypeOf(loaded), Object.getPrototypeOf(hv));
    loaded.close?.();
    t.notThrows(() => desc.checkSyntax({ ...desc.defaults }), 'Ganeti\'s defaults pass every check');
    t.notThrows(() => hv.checkParameterSyntax({ ...desc.defaults }));
    const caps = desc.capabilities as unknown as Record<string, unknown>;
    const unchecked = Object.keys(ABILITIES).filter((k) => caps[k] === true && !ABILITIES[k]);
    t.deepEqual(unchecked, [], 'every declared capability has a conformance check');
    t.true(desc.capabilities.rebootTypes.length > 0);
    t.true(desc.capabilities.consoles.length > 0);
  });

  run(`${name}: bad parameters are refused by the descriptor and the driver before anything runs`, async (t) => {
    const { hv } = fresh();
    const cases: [Record<string, unknown>, RegExp][] = [[{ no_such_parameter: 'x' }, /no_such_parameter/], ...opts.badParams];
    for (const [bad, re] of cases) {
      const filled = { ...desc.defaults, ...bad };
      const err = t.throws(() => hv.checkParameterSyntax(filled), { instanceOf: ParameterError }, JSON.stringify(bad));
      t.regex(err.message, re);
      t.is(err.ecode, 'wrong_input');
      t.throws(() => desc.checkSyntax(filled), { instanceOf: ParameterError });
    }
    t.deepEqual(await hv.listInstances(), []);
  });

  run(`${name}: start, info, list and node info; a second start is refused; forced stop`, async (t) => {
    const n = fresh();
    const before = await n.hv.getNodeInfo();
    const inst = opts.instance('c1');
    await n.hv.startInstance(inst, disks(n, 'c1'));
    t.like(await n.hv.getInstanceInfo('c1'), { name: 'c1', state: 'running', vcpus: inst.vcpus, hypervisor: name });
    t.deepEqual(await n.hv.listInstances(), ['c1']);
    t.deepEqual((await n.hv.getAllInstancesInfo()).map((i) => i.name), ['c1']);
    const after = await n.hv.getNodeInfo();
    t.is(after.memory_total, before.memory_total);
    t.is(after.memory_free, before.memory_free - inst.memory, 'the instance\'s memory is counted');
    t.is(after.cpu_used, before.cpu_used + inst.vcpus);
    const again = await t.throwsAsync(n.hv.startInstance(inst, disks(n, 'c1')), { instanceOf: HypervisorError });
    t.is(again.ecode, 'wrong_state');
    t.is(await n.hv.getInstanceInfo('no-such-instance'), null);
    await n.hv.stopInstance(inst, { force: true });
    t.is(await state(t, n.hv, 'c1'), null);
    t.deepEqual(await n.hv.listInstances(), []);
    t.is((await n.hv.getNodeInfo()).memory_free, before.memory_free);
  });

  run(`${name}: a soft stop ends the instance`, async (t) => {
    const n = fresh();
    const inst = opts.instance('s1');
    await n.hv.startInstance(inst, disks(n, 's1'));
    await n.hv.stopInstance(inst, { force: false, timeoutMs: softMs });
    t.is(await state(t, n.hv, 's1'), null);
    t.deepEqual(await n.hv.listInstances(), []);
  });

  run(`${name}: every declared reboot type leaves the instance running`, async (t) => {
    const n = fresh();
    const inst = opts.instance('r1');
    await n.hv.startInstance(inst, disks(n, 'r1'));
    for (const type of desc.capabilities.rebootTypes) {
      if (type === 'soft') {
        await n.hv.rebootInstance(inst);
      } else {
        // hard and full: noded's backend stops and starts the instance through the driver.
        await n.hv.stopInstance(inst, { force: false, timeoutMs: softMs });
        t.is(await state(t, n.hv, 'r1'), null, `${type}: stopped in between`);
        await n.hv.startInstance(inst, disks(n, 'r1'));
      }
      t.is(await state(t, n.hv, 'r1'), 'running', `after a ${type} reboot`);
    }
    await n.hv.stopInstance(inst, { force: true });
  });

  run(`${name}: the console of a running instance is one of the declared kinds`, async (t) => {
    const n = fresh();
    const inst = opts.instance('k1');
    await n.hv.startInstance(inst, disks(n, 'k1'));
    const c = n.hv.getConsole(inst);
    t.is(c.instance, 'k1');
    t.true(desc.capabilities.consoles.includes(c.kind), `${c.kind} is declared`);
    if (c.kind === 'message') t.truthy(c.message);
    if (c.kind === 'ssh') t.true(!!c.host && !!c.command?.length);
    if (c.kind === 'vnc' || c.kind === 'spice') t.true(!!c.host && !!c.port);
    // JSON is how noded sends it (InstanceRuntime.console_json).
    t.deepEqual(JSON.parse(JSON.stringify(c)), c);
    await n.hv.stopInstance(inst, { force: true });
  });

  run(`${name}: a new driver on the same node dir (noded restart) re-attaches to running instances`, async (t) => {
    const n = fresh();
    const inst = opts.instance('a1');
    await n.hv.startInstance(inst, disks(n, 'a1'));
    const reborn = restart(n);
    if (reborn.reattach) t.deepEqual(await reborn.reattach(), { attached: ['a1'], failed: [] });
    t.is(await state(t, reborn, 'a1'), 'running');
    t.deepEqual(await reborn.listInstances(), ['a1']);
    const again = await t.throwsAsync(reborn.startInstance(inst, disks(n, 'a1')), { instanceOf: HypervisorError });
    t.is(again.ecode, 'wrong_state', 'the new driver knows it runs');
    await reborn.stopInstance(inst, { force: false, timeoutMs: softMs });
    t.is(await state(t, reborn, 'a1'), null);
  });

  if (desc.capabilities.migrate) {
    run(`${name}: migration (declared) moves a running instance to a driver on another node`, async (t) => {
      const src = fresh('node1');
      const dst = fresh('node2');
      const live = desc.capabilities.liveMigration;
      const inst = opts.instance('m1');
      t.true(isMigrating(src.hv), 'a driver declaring migrate implements MigratingHypervisor');
      await src.hv.startInstance(inst, disks(src, 'm1'));
      // A failed assertion must not leave the target listening on the migration port.
      t.teardown(async () => {
        for (const hv of [src.hv, dst.hv]) await hv.stopInstance(inst, { force: true }).catch(() => undefined);
      });
      const s = asMigrating(src.hv);
      const d = asMigrating(dst.hv);
      const info = await s.migrationInfo(inst);
      await d.acceptInstance(inst, info, '127.0.0.1', disks(dst, 'm1'));
      await s.migrateInstance('cluster', inst, '127.0.0.1', live);
      const end = Date.now() + (opts.migrationTimeoutMs ?? 30_000);
      let st = await s.getMigrationStatus(inst);
      // qemu reports 'setup' before 'active' (the master's poll waits through both).
      while ((st.status === 'active' || st.status === 'setup') && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 200));
        st = await s.getMigrationStatus(inst);
      }
      t.is(st.status, 'completed');
      await d.finalizeMigrationDst(inst, info, true);
      await s.finalizeMigrationSource(inst, true, live);
      t.is(await state(t, dst.hv, 'm1'), 'running');
      t.is(await state(t, src.hv, 'm1'), null);
      await dst.hv.stopInstance(inst, { force: true });
    });
    run(`${name}: a failed migration leaves the instance on its source`, async (t) => {
      const src = fresh('node1');
      const dst = fresh('node2');
      const inst = opts.instance('m2');
      await src.hv.startInstance(inst, disks(src, 'm2'));
      const s = asMigrating(src.hv);
      const d = asMigrating(dst.hv);
      const info = await s.migrationInfo(inst);
      await d.acceptInstance(inst, info, '127.0.0.1', disks(dst, 'm2'));
      await d.finalizeMigrationDst(inst, info, false);
      await s.finalizeMigrationSource(inst, false, desc.capabilities.liveMigration);
      t.is(await state(t, src.hv, 'm2'), 'running');
      t.is(await state(t, dst.hv, 'm2'), null);
      await src.hv.stopInstance(inst, { force: true });
    });
  } else {
    run(`${name}: migration (not declared) is refused by name`, (t) => {
      const { hv } = fresh();
      t.false(desc.capabilities.liveMigration, 'live migration without migration');
      t.false(isMigrating(hv));
      t.throws(() => asMigrating(hv), { instanceOf: HypervisorError, message: `Hypervisor '${name}' does not support migration` });
    });
  }

  // Suspend and resume (suspending.ts): the instance stops running and frees its memory while
  // its state is in the file; resume runs it again and removes nothing the caller owns; a
  // file that is not a state of this instance is refused and kept.
  if (desc.capabilities.snapshot) {
    run(`${name}: snapshots of a running instance freeze it with pause/continue, which keep it running`, async (t) => {
      const n = fresh();
      t.true(isSuspending(n.hv), 'snapshot needs pauseInstance/continueInstance');
      const hv = asSuspending(n.hv);
      await hv.startInstance(opts.instance('p1'), disks(n, 'p1'));
      await hv.pauseInstance(opts.instance('p1'));
      await hv.continueInstance(opts.instance('p1'));
      t.is(await state(t, hv, 'p1'), 'running');
      await hv.stopInstance(opts.instance('p1'), { force: true });
    });
  }
  if (desc.capabilities.liveSnapshot) {
    run(`${name}: live disk snapshots: writes go to an overlay while it runs, the merge puts it back on its disk`, async (t) => {
      const n = fresh();
      const hv = asDiskSnapshotting(n.hv);
      if (!hv) { t.fail('liveSnapshot needs redirectDiskWrites/mergeDiskWrites'); return; }
      const { existsSync, readFileSync, writeFileSync } = await import('node:fs');
      let paths = disks(n, 'l1');
      if (paths.length === 0) {
        paths = [join(n.node.root, 'l1-disk0.img')];
        writeFileSync(paths[0]!, Buffer.alloc(1048576, 0x41));
      }
      const live = paths.map((p) => ({ path: p, format: 'raw', overlay: join(dirname(p), `.${basename(p)}.live.qcow2`) }));
      await t.throwsAsync(hv.redirectDiskWrites(opts.instance('l1'), live), { instanceOf: HypervisorError, message: /not running/ });
      await hv.startInstance(opts.instance('l1'), paths);
      const before = paths.map((p) => readFileSync(p));
      t.true(await hv.redirectDiskWrites(opts.instance('l1'), live));
      t.true(live.every((d) => existsSync(d.overlay)), 'each disk has its overlay');
      t.is(await state(t, hv, 'l1'), 'running');
      await hv.mergeDiskWrites(opts.instance('l1'), live);
      t.false(live.some((d) => existsSync(d.overlay)), 'the overlays are merged and removed');
      t.is(await state(t, hv, 'l1'), 'running');
      // A second snapshot works the same on the disks as they are now.
      t.true(await hv.redirectDiskWrites(opts.instance('l1'), live));
      await hv.mergeDiskWrites(opts.instance('l1'), live);
      t.true(paths.every((p, i) => readFileSync(p).equals(before[i]!)), 'nothing wrote to the disks: they hold what they held');
      await hv.stopInstance(opts.instance('l1'), { force: true });
    });
  }
  if (desc.capabilities.suspend) {
    run(`${name}: suspend to a file frees the node, resume runs the instance again; pause and continue keep it running`, async (t) => {
      const n = fresh();
      const hv = asSuspending(n.hv);
      const inst = opts.instance('s1');
      await hv.startInstance(inst, disks(n, 's1'));
      await hv.pauseInstance(inst);
      t.is(await state(t, hv, 's1'), 'running');
      await hv.continueInstance(inst);
      const before = (await hv.getNodeInfo()).memory_free;
      const { existsSync, mkdirSync, writeFileSync, readFileSync } = await import('node:fs');
      mkdirSync(n.node.paths.dataDir, { recursive: true });
      const file = `${n.node.paths.dataDir}/s1.state`;
      await hv.suspendInstance(inst, file);
      t.is(await state(t, hv, 's1'), null);
      t.true((await hv.getNodeInfo()).memory_free > before);
      t.true(existsSync(file));
      const saved = readFileSync(file);
      writeFileSync(file, 'not a saved state');
      await t.throwsAsync(hv.resumeInstance(inst, disks(n, 's1'), file), { instanceOf: HypervisorError, message: /could not be loaded .*the file is kept/ });
      t.true(existsSync(file));
      t.is(await state(t, hv, 's1'), null);
      writeFileSync(file, saved);
      await hv.resumeInstance(inst, disks(n, 's1'), file);
      t.is(await state(t, hv, 's1'), 'running');
      await t.throwsAsync(hv.pauseInstance(opts.instance('nope')), { instanceOf: HypervisorError });
      await hv.stopInstance(inst, { force: true });
      await t.throwsAsync(hv.suspendInstance(inst, file), { instanceOf: HypervisorError, message: /not running/ });
    });
  } else {
    run(`${name}: suspend (not declared) is refused by name`, (t) => {
      const { hv } = fresh();
      t.false(isSuspending(hv));
      t.throws(() => asSuspending(hv), { instanceOf: HypervisorError, message: `Hypervisor '${name}' does not support suspend and resume` });
    });
  }
}
