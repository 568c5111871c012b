// Reaching an instance's ssh console (Ganeti's console kind 'ssh': a command to run on the
// primary node over ssh), shared by gnt-instance console and ganeti-rapi's browser console.
// On a virtual cluster the command carries the cluster's ssh key and skips host key checks
// (the virtual nodes share one throwaway host key, known to no known_hosts file).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePaths } from '../paths.js';
import { pyStr } from './py-format.js';

/** POSIX shell quoting of one argument (utils.ShellQuote). */
export function shellQuote(s: string): string {
  return /^[-\w.+/:%@=,]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/** A virtual cluster's vcluster.json (its ssh user and key), or null. */
function vclusterDesc(clusterDir: string): { ssh_key?: unknown; ssh_user?: unknown } | null {
  try { return JSON.parse(readFileSync(join(clusterDir, 'vcluster.json'), 'utf8')) as { ssh_key?: unknown; ssh_user?: unknown }; } catch { return null; }
}

/** Extra ssh options on a virtual cluster (its key, no host key check); none on a real one. */
export function vclusterSshOptions(env: Record<string, string | undefined>): string[] {
  let clusterDir: string | null;
  try { clusterDir = resolvePaths(env).clusterDir; } catch { return []; }
  const desc = clusterDir ? vclusterDesc(clusterDir) : null;
  if (typeof desc?.ssh_key !== 'string') return [];
  return ['-i', desc.ssh_key, '-oStrictHostKeyChecking=no', '-oUserKnownHostsFile=/dev/null', '-oLogLevel=ERROR'];
}

/**
 * Where a console's ssh reaches a node's sshd (LUInstanceConsole's kind ssh, ganeti-rapi's VNC
 * bridge): the node's name and its ndparams ssh_port; on a virtual cluster (clusterDir set)
 * its primary IP, since its name resolves only through the cluster's hosts file, and the
 * cluster's ssh user. No user: the caller keeps its own (Ganeti's root).
 */
export function nodeSshTarget(node: { name: string; primary_ip: string }, sshPort: unknown,
  clusterDir: string | null): { host: string; port: number; user?: string } {
  const n = Number(sshPort ?? 22);
  const port = Number.isInteger(n) && n > 0 && n <= 65535 ? n : 22;
  if (!clusterDir) return { host: node.name, port };
  const user = vclusterDesc(clusterDir)?.ssh_user;
  return { host: node.primary_ip, port, ...(typeof user === 'string' ? { user } : {}) };
}

/**
 * Ganeti's SshRunner.BuildCmd for a console: batch mode, a tty, no escape character.
 * tty false: a byte stream (the browser's VNC console), where a terminal would mangle bytes.
 */
export function sshCommand(c: Record<string, unknown>, extra: string[] = [], tty = true): string[] {
  const cmd = Array.isArray(c.command) ? c.command.map(String).map(shellQuote).join(' ') : String(c.command ?? '');
  const argv = ['ssh', '-oEscapeChar=none', '-oBatchMode=yes', '-q', ...(tty ? ['-t'] : ['-T']), ...extra];
  if (c.port) argv.push('-p', String(c.port));
  argv.push(`${pyStr(c.user ?? 'root')}@${pyStr(c.host)}`, cmd);
  return argv;
}
