// Start-up cleanup of OS-script processes left by a node daemon that died (kill -9, OOM):
// runScript() starts every script in its own process group so that a timeout can kill the
// script and its children, but a parent killed with SIGKILL cannot do that any more. Their
// request died with the old daemon, so the new one kills them before it serves: a failed
// instance create must not leave an installer writing to a disk nobody owns.
import { readdirSync, readFileSync } from 'node:fs';
import type { Logger } from '../common/log.js';
import type { Paths } from '../common/paths.js';

export interface OrphanScript { pid: number; pgid: number; instance: string }

function environOf(pid: number): Map<string, string> | null {
  let raw: string;
  try { raw = readFileSync(`/proc/${pid}/environ`, 'utf8'); } catch { return null; }
  const env = new Map<string, string>();
  for (const kv of raw.split('\0')) {
    const i = kv.indexOf('=');
    if (i > 0) env.set(kv.slice(0, i), kv.slice(i + 1));
  }
  return env;
}

function pgidOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state ppid pgrp ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgid = Number(fields[2]);
    return Number.isInteger(pgid) && pgid > 1 ? pgid : null;
  } catch { return null; }
}

/**
 * Processes of this node's OS scripts: their environment carries the OS API's
 * OS_API_VERSION and INSTANCE_NAME, and (on a virtual node) this node's root.
 */
export function findOrphanedScripts(paths: Paths): OrphanScript[] {
  const found: OrphanScript[] = [];
  let pids: number[];
  try { pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number); } catch { return found; }
  for (const pid of pids) {
    if (pid === process.pid) continue;
    const env = environOf(pid);
    if (!env || !env.has('OS_API_VERSION') || !env.has('INSTANCE_NAME')) continue;
    if ((env.get('GANETI_ROOTDIR') ?? '') !== paths.nodeRoot) continue;
    const pgid = pgidOf(pid);
    // Only whole groups that runScript() made (leader = the script): never our own group.
    if (pgid === null || pgid === process.pid || pgid === getpgid()) continue;
    found.push({ pid, pgid, instance: env.get('INSTANCE_NAME')! });
  }
  return found;
}

function getpgid(): number | null { return pgidOf(process.pid); }

/** Kills the process groups of orphaned OS scripts; returns how many groups were killed. */
export function killOrphanedScripts(paths: Paths, log: Logger): number {
  const groups = new Map<number, OrphanScript>();
  for (const o of findOrphanedScripts(paths)) if (!groups.has(o.pgid)) groups.set(o.pgid, o);
  for (const [pgid, o] of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
      log.warn(`killed the OS script process group ${pgid} of instance ${o.instance}, left by a previous node daemon`);
    } catch (err) {
      log.warn(`cannot kill the orphaned OS script process group ${pgid}: ${(err as Error).message}`);
    }
  }
  return groups.size;
}
