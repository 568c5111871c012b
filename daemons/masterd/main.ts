// ganeti-masterd: owns the config and the job queue on the master node. Start-up order:
// refuse unless this node is the master; load the config (a corrupt one is replaced by the
// newest valid copy of a master candidate, or named and refused); recover the queue (jobs
// that were running end in error); serve the Master service on a 0660 Unix socket (group
// gnt-admin); then push config and ssconf to every node, since the previous master may
// have died between writing and replicating.
import { decideJob } from './jqueue/filters.js';
import * as grpc from '@grpc/grpc-js';
import { existsSync, unlinkSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { atomicWrite, ensureDir } from '../common/atomic-file.js';
import { GanetiError } from '../common/errors.js';
import { createLogger, setLogFile } from '../common/log.js';
import { resolvePaths } from '../common/paths.js';
import { loadServices, unixAddress } from '../common/rpc.js';
import { getMasterNode } from '../common/ssconf.js';
import { ConfigStore } from './config/config-store.js';
import { recoverConfig } from './config/recover.js';
import { restrictMasterSocket } from './socket-access.js';
import { LockManager } from './locking/lock-manager.js';
import { JobQueue } from './jqueue/job-queue.js';
import { GrpcNodeRpc } from './rpc/node-rpc.js';
import { masterIpParams } from './master-ip.js';
import { CapacityTracker } from './capacity.js';
import { AncillaryFiles } from './distribution/ancillary.js';
import { Replicator } from './distribution/replicate.js';
import { InstanceNames } from './distribution/ssconf-values.js';
import { QueueReplicator } from './distribution/queue-replicator.js';
import { nodeTarget } from './rpc/node-target.js';
import { RpcCache } from './rpc/cached-rpc.js';
import { TaggedInstanceLists } from './rpc/tagged-lists.js';
import { keepingEncodings } from './encoded-answers.js';
import { makeExecutor } from './processor.js';
import { masterHandlers } from './service.js';
import { otherMasterByVote } from './bootstrap/master-failover.js';
import type { MasterContext } from './context.js';
import type { ClusterConfig } from '../common/objects.js';

const EXIT_NOTMASTER = 11;

function fail(msg: string, code = 1): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  // Options are accepted for compatibility (the daemon never forks; daemon-util detaches it);
  // unknown ones are refused.
  let args: { values: { 'no-voting'?: boolean } } = { values: {} };
  try {
    args = parseArgs({ options: { foreground: { type: 'boolean', short: 'f' }, debug: { type: 'boolean', short: 'd' }, 'no-voting': { type: 'boolean' }, yes: { type: 'boolean' } } });
  } catch (err) { fail(`ganeti-masterd: ${(err as Error).message}\nUsage: ganeti-masterd [-f] [-d] [--no-voting]`); }
  const paths = resolvePaths(process.env);
  await ensureDir(paths.logDir);
  setLogFile(paths.logFile('master-daemon'));
  const log = createLogger('masterd');
  process.on('uncaughtException', (err) => log.error('uncaught exception', { err: err.stack }));
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', { err: (err as Error)?.stack ?? String(err) }));

  const master = getMasterNode(paths);
  if (master !== paths.hostname) fail(`Not master (master is '${master ?? 'unknown'}', this is '${paths.hostname}'), exiting`, EXIT_NOTMASTER);
  if (!args.values['no-voting']) {
    // Failed over while this node was away: its ssconf still names itself (master-failover.ts).
    const other = await otherMasterByVote(paths, log).catch((err: unknown) => { log.warn(`master vote failed: ${String(err)}`); return null; });
    if (other) fail(`Not master: most nodes say the master is '${other}' (this node was failed over while away); not starting`, EXIT_NOTMASTER);
  }
  let cfg: ConfigStore;
  try { cfg = await ConfigStore.open(paths.clusterConfFile, { log, journal: true }); } catch (err) {
    log.error((err as Error).message);
    // Corrupt, truncated or missing: take the newest valid copy of a master candidate.
    try { cfg = await recoverConfig(paths, log, err as Error); } catch (err2) {
      log.error((err2 as Error).message);
      fail(`ganeti-masterd: ${(err2 as Error).message}`, 2);
    }
  }
  const rpc = new GrpcNodeRpc(paths, log.child('rpc'));
  const replicator = new Replicator(rpc, log.child('distribution'));
  // Opcodes under way: while there are several, ssconf's instance list is held back (replicate.ts).
  const activity = { opcodes: 0 };
  replicator.setBusy(() => activity.opcodes > 1);
  replicator.setInstanceNames(() => cfg.derived('ssconf.instance-names', [], (insts) => new InstanceNames(insts)));
  const mc: MasterContext = { paths, cfg, rpc, locks: new LockManager(), capacity: new CapacityTracker(), replicator, rpcCache: new RpcCache(rpc),
    instanceLists: new TaggedInstanceLists(rpc), log };
  // The job queue goes to every online candidate before a change is acknowledged.
  const queueReplica = new QueueReplicator(rpc, log.child('jqueue'), paths.hostname, () => Object.values(cfg.get().nodes)
    .filter((n) => n.master_candidate && !n.offline && n.name !== paths.hostname).map(nodeTarget));
  const queue = new JobQueue({
    queueDir: paths.queueDir, archiveDir: paths.queueArchiveDir, executor: makeExecutor(mc, activity), replica: queueReplica,
    maxRunning: cfg.get().cluster.max_running_jobs, log: log.child('jqueue'),
    filter: (job, running) => decideJob(Object.values(cfg.get().filters ?? {}), job, running),
  });
  cfg.onCommit(async () => queue.refilter());
  // A candidate that misses a config is marked stale in the config itself (replicate.ts).
  replicator.setStaleRecorder((marks) => cfg.update((c) => {
    for (const n of Object.values(c.nodes)) {
      const stale = marks.get(n.name);
      if (stale === true) n.config_stale = true;
      else if (stale === false) delete n.config_stale;
    }
  }).then(() => undefined));
  cfg.onCommit(replicator.onCommit);
  cfg.onCommit(async (_text, c) => queue.setMaxRunning(c.cluster.max_running_jobs));
  const ancillary = new AncillaryFiles(paths, rpc, log.child('distribution'));
  cfg.onCommit(ancillary.onCommit);
  const opened = await queue.open();
  log.info(`job queue opened: ${opened.loaded} jobs, ${opened.recovered.length} recovered after an unclean shutdown`);
  for (const f of opened.corrupt) log.error(`corrupt job file ${f} set aside`);

  // As Ganeti's masterd: the master IP comes up whenever masterd starts as master (after
  // init, a master-failover, a reboot), before clients are served; a failure is logged only.
  const mip = await rpc.call({ name: paths.hostname, ip: ownPrimaryIp(cfg.get(), paths.hostname) }, 'NodeActivateMasterIp',
    masterIpParams(cfg.get()), { timeoutMs: 30_000 });
  if (mip.failed) log.error(`Can't activate master IP address: ${mip.failMsg}`);
  else log.info(`master IP ${cfg.get().cluster.master_ip} activated`);

  const server = new grpc.Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
  const masterService = loadServices().ganeti.Master.service;
  const service = { ...masterService, Query: { ...masterService.Query, responseSerialize: keepingEncodings(masterService.Query.responseSerialize) } };
  server.addService(service, masterHandlers(mc, queue, log.child('service')));
  await ensureDir(paths.socketDir);
  if (existsSync(paths.masterSocket)) unlinkSync(paths.masterSocket);
  await new Promise<void>((resolve, reject) => server.bindAsync(unixAddress(paths.masterSocket), grpc.ServerCredentials.createInsecure(),
    (err) => (err ? reject(err) : resolve())));
  restrictMasterSocket(paths.masterSocket, paths.socketDir, log);
  await atomicWrite(paths.pidFile('ganeti-masterd'), `${process.pid}\n`);
  log.info(`master daemon started (pid ${process.pid}), socket ${paths.masterSocket}`);

  const c = cfg.get();
  ancillary.sync(c);
  replicator.redistribute(cfg.lastCommit(), c)
    .then((failed) => { if (failed.length) log.warn(`start-up redistribution failed on: ${failed.join(', ')}`); })
    .catch((err) => log.error('start-up redistribution failed', { err: String(err) }));

  let stopping = false;
  const shutdown = (sig: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`received ${sig}, shutting down`);
    const force = setTimeout(() => { server.forceShutdown(); process.exit(0); }, 5000);
    force.unref();
    server.tryShutdown(() => undefined);
    void queue.close().finally(() => {
      rpc.close();
      try { unlinkSync(paths.pidFile('ganeti-masterd')); } catch { /* already gone */ }
      try { unlinkSync(paths.masterSocket); } catch { /* already gone */ }
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

function ownPrimaryIp(c: Readonly<ClusterConfig>, name: string): string {
  return Object.values(c.nodes).find((n) => n.name === name)?.primary_ip ?? '127.0.0.1';
}

main().catch((err) => fail(`ganeti-masterd: ${err instanceof GanetiError ? err.message : (err as Error)?.stack ?? String(err)}`));
