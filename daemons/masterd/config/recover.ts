// Master start-up with a corrupt, truncated or missing config.data: every master candidate
// holds a copy (the master uploads it after each commit), so the newest valid one (highest
// serial_no) replaces the bad file, which is set aside under a name the log gives. Only
// when no candidate has a valid copy does the master refuse to start, naming the file.
// Candidates are found through this node's ssconf, since the config itself is unusable.
import { rename } from 'node:fs/promises';
import { atomicWrite } from '../../common/atomic-file.js';
import { configJournalPath } from '../../common/config-journal.js';
import { ConfigurationError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import type { ClusterConfig } from '../../common/objects.js';
import type { Paths } from '../../common/paths.js';
import { readSsconf, readSsconfList } from '../../common/ssconf.js';
import { GrpcNodeRpc, type NodeTarget } from '../rpc/node-rpc.js';
import { ConfigStore } from './config-store.js';

const READ_TIMEOUT_MS = 10_000;
const SECTIONS = ['cluster', 'nodes', 'nodegroups', 'instances'] as const;

export interface RecoveredCopy { node: string; serial: number; text: string }

/** Why a candidate's copy cannot be used, or null when it is a config of this cluster with this master. */
export function copyProblem(text: string, paths: Paths, clusterName: string | null): string | null {
  let cfg: ClusterConfig;
  try { cfg = JSON.parse(text) as ClusterConfig; } catch (err) { return `does not parse (${(err as Error).message})`; }
  if (cfg === null || typeof cfg !== 'object' || Array.isArray(cfg)) return 'is not a JSON object';
  for (const s of SECTIONS) if (cfg[s] === null || typeof cfg[s] !== 'object') return `has no '${s}' section`;
  if (typeof cfg.serial_no !== 'number') return "has no 'serial_no'";
  if (clusterName && cfg.cluster.cluster_name !== clusterName) return `belongs to cluster '${cfg.cluster.cluster_name}', not '${clusterName}'`;
  const master = cfg.nodes[cfg.cluster.master_node]?.name;
  if (master !== paths.hostname) return `names '${master ?? '?'}' as master, not this node '${paths.hostname}'`;
  return null;
}

/** The master candidates (other than this node) and their addresses, from ssconf; those
 * the master marked stale (ssconf master_candidates_stale) lack acknowledged changes and
 * are left out. */
export function candidateTargets(paths: Paths): NodeTarget[] {
  const names = readSsconfList(paths, 'master_candidates');
  const ips = readSsconfList(paths, 'master_candidates_ips');
  const stale = new Set(readSsconfList(paths, 'master_candidates_stale'));
  return names.map((name, i) => ({ name, ip: ips[i] ?? '' })).filter((n) => n.name !== paths.hostname && n.ip && !stale.has(n.name));
}

/** Asks every candidate for its copy; returns the newest valid one and why the others were not used. */
export async function fetchNewestCopy(paths: Paths, log: Logger): Promise<{ best: RecoveredCopy | null; problems: string[] }> {
  const targets = candidateTargets(paths);
  const problems: string[] = [];
  const stale = readSsconfList(paths, 'master_candidates_stale');
  for (const n of stale) problems.push(`${n}: its configuration is stale (it missed changes the master committed), not used`);
  if (!targets.length) return { best: null, problems: [...problems, 'no other up-to-date master candidate is listed in ssconf'] };
  const rpc = new GrpcNodeRpc(paths, log.child('recover'));
  let best: RecoveredCopy | null = null;
  try {
    const res = await rpc.callMany(targets, 'ReadClusterConfig', {}, { timeoutMs: READ_TIMEOUT_MS });
    const clusterName = readSsconf(paths, 'cluster_name');
    for (const [node, r] of res) {
      if (r.failed) { problems.push(`${node}: ${r.failMsg}`); continue; }
      if (!r.payload!.found) { problems.push(`${node}: has no copy`); continue; }
      const text = Buffer.from(r.payload!.content).toString('utf8');
      const problem = copyProblem(text, paths, clusterName);
      if (problem) { problems.push(`${node}: its copy ${problem}`); continue; }
      const serial = (JSON.parse(text) as ClusterConfig).serial_no;
      log.info(`master candidate ${node} has a valid configuration, serial ${serial}`);
      if (!best || serial > best.serial) best = { node, serial, text };
    }
  } finally {
    rpc.close();
  }
  return { best, problems };
}

/**
 * Replaces a bad config.data with the newest valid copy of a master candidate and opens it.
 * Throws a ConfigurationError naming the file when no candidate has one.
 */
export async function recoverConfig(paths: Paths, log: Logger, cause: Error): Promise<ConfigStore> {
  const file = paths.clusterConfFile;
  log.warn(`${cause.message}; trying to recover the configuration from a master candidate`);
  const { best, problems } = await fetchNewestCopy(paths, log);
  if (!best) {
    throw new ConfigurationError(`${cause.message}; no master candidate has a valid copy to recover from ` +
      `(${problems.join('; ')}). Restore ${file} from a backup.`, { cause });
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = `${file}.corrupt-${stamp}`;
  try {
    await rename(file, aside);
    log.warn(`set the unusable configuration file ${file} aside as ${aside}`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigurationError(`${cause.message}; cannot set ${file} aside: ${(err as Error).message}`, { cause: err });
    }
  }
  // The journal belongs to the file set aside (it may be what is damaged): it goes aside too.
  const journal = configJournalPath(file);
  await rename(journal, `${journal}.corrupt-${stamp}`).catch(() => undefined);
  await atomicWrite(file, best.text, { mode: 0o640 });
  log.warn(`recovered ${file} from master candidate ${best.node} (serial ${best.serial})` +
    (problems.length ? `; not used: ${problems.join('; ')}` : ''));
  return ConfigStore.open(file, { log, journal: true });
}
