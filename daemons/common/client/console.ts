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

/** Extra ssh options on a virtual cluster (its key, no host key check); none on a real one. */
export function vclusterSshOptions(env: Record<string, string | undefined>): string[] {
  let clusterDir: string | null;
  try { clusterDir = resolvePaths(env).clusterDir; } catch { return []; }
  if (!clusterDir) return [];
  try {
    const desc = JSON.parse(readFileSync(join(clusterDir, 'vcluster.json'), 'utf8')) as { ssh_key?: unknown };
    if (typeof desc.ssh_key !== 'string') return [];
    return ['-i', desc.ssh_key, '-oStrictHostKeyChecking=no', '-oUserKnownHostsFile=/dev/null', '-oLogLevel=ERROR'];
  } catch { return []; }
}

/** Ganeti's SshRunner.BuildCmd for a console: batch mode, a tty, no escape character. */
export function sshCommand(c: Record<string, unknown>, extra: string[] = []): string[] {
  const cmd = Array.isArray(c.command) ? c.command.map(String).map(shellQuote).join(' ') : String(c.command ?? '');
  const argv = ['ssh', '-oEscapeChar=none', '-oBatchMode=yes', '-q', '-t', ...extra];
  if (c.port) argv.push('-p', String(c.port));
  argv.push(`${pyStr(c.user ?? 'root')}@${pyStr(c.host)}`, cmd);
  return argv;
}
