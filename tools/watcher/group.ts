// One node group's watcher run (Ganeti's _GroupWatcher): restart instances that should run
// but are down, clean up those their users shut down from inside, re-activate disks after
// node reboots, verify the group's disks, and keep the counters in the group's state file.
import { join } from 'node:path';
import { OpGroupVerifyDisks, OpInstanceActivateDisks, OpInstanceShutdown, OpInstanceStartup } from '../../daemons/common/opcodes/index.js';
import type { MasterApi, OpcodeDict } from '../../daemons/common/client/master-api.js';
import { getGroupData, type Instance, type Node } from './group-data.js';
import { mergeStatus, writeGroupStatus } from './instance-status.js';
import { isUnknownOpcode, PRIORITY_LOW, submitJobs, waitJob, watcherOp } from './jobs.js';
import type { WatcherLog } from './log.js';
import { WatcherState } from './state.js';

/** Ganeti's MAXTRIES: restart (or cleanup) attempts before the watcher gives up. */
export const MAXTRIES = 5;
const BAD_STATES = new Set(['ERROR_down']);
const HELPLESS_STATES = new Set(['ERROR_nodedown', 'ERROR_nodeoffline']);

export interface GroupRunContext {
  master: MasterApi;
  log: WatcherLog;
  dataDir: string;
  /** Every group uuid, for merging the instance status files. */
  allGroups: string[];
  noVerifyDisks: boolean;
  noStrict: boolean;
}

export const stateFile = (dataDir: string, uuid: string) => join(dataDir, `watcher.${uuid}.data`);

const needsCleanup = (i: Instance) => i.status === 'USER_down' && i.adminState !== 'down';

/** Runs the jobs together and waits for each; true per job that succeeded. Errors are logged. */
async function runAll(ctx: GroupRunContext, jobs: { ops: OpcodeDict[]; what: string }[]): Promise<boolean[]> {
  if (!jobs.length) return [];
  const ids = await submitJobs(ctx.master, jobs.map((j) => j.ops));
  return Promise.all(ids.map(async (id, k) => {
    try {
      if (typeof id !== 'number') throw id;
      await waitJob(ctx.master, id, ctx.log);
      return true;
    } catch (err) {
      ctx.log.error(`Error while ${jobs[k]!.what}: ${(err as Error).message}`);
      return false;
    }
  }));
}

/** _CheckInstances: returns the instances it (successfully) started. */
async function checkInstances(ctx: GroupRunContext, notepad: WatcherState, instances: Map<string, Instance>): Promise<Set<string>> {
  const { log } = ctx;
  notepad.maintainInstanceList(instances.keys());
  const cleanups: Instance[] = [];
  const restarts: Instance[] = [];
  for (const inst of instances.values()) {
    if (needsCleanup(inst)) {
      if (notepad.numberOfCleanupAttempts(inst.name) > MAXTRIES) {
        log.warning(`Not cleaning up instance '${inst.name}', retries exhausted`);
        continue;
      }
      log.info(`Instance '${inst.name}' was shutdown by the user, cleaning up instance`);
      cleanups.push(inst);
    } else if (BAD_STATES.has(inst.status)) {
      const n = notepad.numberOfRestartAttempts(inst.name);
      if (n > MAXTRIES) {
        log.warning(`Not restarting instance '${inst.name}', retries exhausted`);
        continue;
      }
      if (n === MAXTRIES) {
        notepad.recordRestartAttempt(inst.name);
        log.error(`Could not restart instance '${inst.name}' after ${MAXTRIES} attempts, giving up`);
        continue;
      }
      log.info(`Restarting instance '${inst.name}' (attempt #${n + 1})`);
      restarts.push(inst);
    } else if (notepad.numberOfRestartAttempts(inst.name) || notepad.numberOfCleanupAttempts(inst.name)) {
      notepad.removeInstance(inst.name);
      if (!HELPLESS_STATES.has(inst.status)) log.info(`Restart of instance '${inst.name}' succeeded`);
    }
  }
  const results = await runAll(ctx, [
    ...cleanups.map((i) => ({
      what: `cleaning up instance '${i.name}'`,
      ops: [watcherOp(OpInstanceShutdown, { instance_name: i.name, admin_state_source: 'user' }, `Cleaning up instance ${i.name}`)],
    })),
    ...restarts.map((i) => ({
      what: `restarting instance '${i.name}'`,
      ops: [watcherOp(OpInstanceStartup, { instance_name: i.name, force: false }, `Restarting instance ${i.name}`)],
    })),
  ]);
  const started = new Set<string>();
  cleanups.forEach((inst, k) => {
    if (!results[k]) notepad.recordCleanupAttempt(inst.name);
    else if (notepad.numberOfCleanupAttempts(inst.name)) notepad.removeInstance(inst.name);
  });
  restarts.forEach((inst, k) => {
    if (results[cleanups.length + k]) started.add(inst.name);
    notepad.recordRestartAttempt(inst.name);
  });
  return started;
}

/** Submits OP_INSTANCE_ACTIVATE_DISKS jobs; an older master without that opcode is only logged. */
async function activateDisks(ctx: GroupRunContext, names: string[], oneJob: boolean): Promise<void> {
  if (!names.length) return;
  const op = (n: string) => watcherOp(OpInstanceActivateDisks, { instance_name: n }, `Activating disks for instance ${n}`);
  const jobs = oneJob ? [names.map(op)] : names.map((n) => [op(n)]);
  const ids = await submitJobs(ctx.master, jobs);
  await Promise.all(ids.map(async (id, k) => {
    const what = oneJob ? names.join(', ') : names[k]!;
    try {
      if (typeof id !== 'number') throw id;
      await waitJob(ctx.master, id, ctx.log);
    } catch (err) {
      if (isUnknownOpcode(err)) ctx.log.info(`Not activating disks of ${what}: the master does not support OP_INSTANCE_ACTIVATE_DISKS`);
      else ctx.log.error(`Error while activating disks for instance(s) ${what}: ${(err as Error).message}`);
    }
  }));
}

/** _CheckDisks: instances with a secondary on a node that rebooted get their disks back. */
async function checkDisks(ctx: GroupRunContext, notepad: WatcherState, nodes: Map<string, Node>,
  instances: Map<string, Instance>, started: Set<string>): Promise<void> {
  const { log } = ctx;
  const rebooted: Node[] = [];
  for (const node of nodes.values()) {
    if (!node.bootid) {
      if (!node.offline) log.debug(`Node '${node.name}' missing boot ID, skipping secondary checks`);
      continue;
    }
    if (notepad.getNodeBootId(node.name) !== node.bootid) rebooted.push(node);
  }
  const toActivate: string[] = [];
  for (const node of rebooted) {
    for (const name of node.secondaries) {
      const inst = instances.get(name);
      if (!inst) { log.info(`Can't find instance '${name}', maybe it was ignored`); continue; }
      if (!inst.disksActive) { log.info(`Skipping disk activation for instance with not activated disks '${name}'`); continue; }
      if (started.has(name)) { log.debug(`Skipping disk activation for instance '${name}' as it was already started`); continue; }
      log.info(`Activating disks for instance '${name}'`);
      toActivate.push(name);
    }
  }
  await activateDisks(ctx, toActivate, false);
  for (const node of rebooted) notepad.setNodeBootId(node.name, node.bootid!);
}

/** _VerifyDisks: OP_GROUP_VERIFY_DISKS at low priority, then activate what it reports offline. */
async function verifyDisks(ctx: GroupRunContext, uuid: string, nodes: Map<string, Node>, instances: Map<string, Instance>): Promise<void> {
  const { master, log } = ctx;
  const summary = `GROUP_VERIFY_DISKS(${uuid})`;
  const pending = await master.query('job', ['id', 'summary'], [],
    ['|', ['=', 'status', 'queued'], ['=', 'status', 'waiting'], ['=', 'status', 'running']]);
  if (pending.rows.some((r) => Array.isArray(r[1]?.value) && (r[1]!.value as unknown[]).includes(summary))) {
    log.debug(`A ${summary} job is already pending, not submitting another`);
    return;
  }
  const op = watcherOp(OpGroupVerifyDisks, { group_name: uuid, priority: PRIORITY_LOW, is_strict: !ctx.noStrict },
    `Verifying disks of group ${uuid}`);
  const [id] = await submitJobs(master, [[op]]);
  if (typeof id !== 'number') {
    if (isUnknownOpcode(id)) { log.info('Not verifying disks: the master does not support OP_GROUP_VERIFY_DISKS'); return; }
    throw id!;
  }
  const result = await waitJob(master, id, log);
  // Ganeti archives its verify job at once: one every 5 minutes would fill `gnt-job list`.
  await master.archiveJob(id);
  const [nodeErrors, offline] = (Array.isArray(result[0]) ? result[0] : []) as [Record<string, string>?, string[]?];
  for (const [node, msg] of Object.entries(nodeErrors ?? {})) log.warning(`Verify-disks: node ${node}: ${msg}`);
  const names = (offline ?? []).filter((name) => {
    const inst = instances.get(name);
    if (!inst) { log.info(`Can't find instance '${name}', maybe it was ignored`); return false; }
    if (HELPLESS_STATES.has(inst.status) || inst.snodes.some((s) => nodes.get(s)?.offline)) {
      log.info(`Skipping instance '${name}' because it is in a helpless state or has offline secondaries`);
      return false;
    }
    return true;
  });
  if (!names.length) { log.debug('Verify-disks reported no offline disks, nothing to do'); return; }
  log.debug(`Will activate disks for instance(s) ${names.join(', ')}`);
  await activateDisks(ctx, names, true);
}

/** One group, start to end; the state file is saved only when the run got through. */
export async function runGroup(ctx: GroupRunContext, uuid: string): Promise<void> {
  const { log, master } = ctx;
  log.info(`Watcher for node group '${uuid}'`);
  const path = stateFile(ctx.dataDir, uuid);
  log.debug(`Using state file ${path}`);
  const notepad = new WatcherState(path, log);
  try {
    const { nodes, instances } = await getGroupData(master, uuid, log);
    await writeGroupStatus(ctx.dataDir, uuid, [...instances.values()].map((i) => [i.name, i.status]), log);
    await mergeStatus(ctx.dataDir, ctx.allGroups, log);
    const started = await checkInstances(ctx, notepad, instances);
    await checkDisks(ctx, notepad, nodes, instances, started);
    // Ganeti skips groups whose instances all use ext storage (no disk checks for them).
    const onlyExt = [...instances.values()].every((i) => i.diskTemplate === 'ext');
    if (!ctx.noVerifyDisks && !onlyExt) await verifyDisks(ctx, uuid, nodes, instances);
  } catch (err) {
    log.info(`Not updating status file due to failure: ${(err as Error).message}`);
    throw err;
  }
  await notepad.save();
}
