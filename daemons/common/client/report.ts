// Turning any error into the text and exit code Ganeti's CLI would give (cli.FormatError),
// including the "master not reachable" cases, which depend on this node's ssconf.
import { accessSync, constants as fsConstants } from 'node:fs';
import { GanetiError, errorMapping, formatFailure } from '../errors.js';
import { CliError, ExitCode, NoMasterError } from './exit-codes.js';

export interface Report {
  exit: number;
  text: string;
}

function isGanetiLike(err: unknown): err is { name: string; message: string; ecode?: string } {
  return err instanceof GanetiError ||
    (err instanceof Error && typeof (err as { ecode?: unknown }).ecode === 'string');
}

/**
 * What the master's absence means on this node: not part of a cluster (no ssconf), not the
 * master (ssconf names another node), or the master daemon is down.
 */
export async function noMasterReport(env: Record<string, string | undefined>): Promise<Report> {
  try {
    const [{ resolvePaths }, { getMasterNode }] = await Promise.all([
      import('../paths.js'), import('../ssconf.js')]);
    const paths = resolvePaths(env);
    const master = getMasterNode(paths);
    if (!master) {
      return { exit: ExitCode.NotCluster, text: 'Cluster not initialized or this machine is not part of a cluster' };
    }
    if (master !== paths.hostname) {
      return { exit: ExitCode.NotMaster, text: `This is not the master node, the master is ${master}` };
    }
  } catch {
    // Unreadable paths or ssconf: fall through to the generic message.
  }
  return {
    exit: ExitCode.Failure,
    text: 'Cannot communicate with the master daemon.\nIs the process running and listening for connections?',
  };
}

/** cli.FormatError for everything but the master's absence (see noMasterReport). */
export function formatError(err: unknown, debug = false): Report {
  if (err instanceof CliError) return { exit: err.exitCode, text: err.message };
  if (isGanetiLike(err)) {
    if (err.name === 'JobLostError') return { exit: ExitCode.Failure, text: `Error checking job status: ${err.message}` };
    return { exit: errorMapping(err).exit, text: formatFailure(err) };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { exit: ExitCode.Failure, text: `Unhandled exception: ${e.message}${debug && e.stack ? `\n${e.stack}` : ''}` };
}

/** The socket is there but this user may not use it: not root, not in the admin group. */
export function permissionReport(socketPath: string): Report | null {
  try { accessSync(socketPath, fsConstants.R_OK | fsConstants.W_OK); return null; } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') return null;
  }
  return {
    exit: ExitCode.Failure,
    text: `Permission denied: cannot use the master socket ${socketPath}; only root and members of group gnt-admin may run this command`,
  };
}

/** Either of the two above. */
export async function reportError(err: unknown, env: Record<string, string | undefined>, debug = false): Promise<Report> {
  if (err instanceof NoMasterError) return permissionReport(err.socketPath) ?? noMasterReport(env);
  return formatError(err, debug);
}
