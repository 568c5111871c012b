// What gnt-cluster command / copyfile / destroy hand to the daemon-side program
// ganeti-cluster-command (daemons/masterd/cluster-command-main.ts) as JSON on stdin, and the
// messages it sends back (as feedback lines of the InitProgramMessage protocol).
import { ParameterError } from './errors.js';

export const CLUSTER_COMMAND_PROGRAM = 'ganeti-cluster-command';
/** A copied file travels in one node RPC message (noded takes up to 256 MiB). */
export const MAX_COPYFILE_BYTES = 128 * 1024 * 1024;

interface Selection { nodes: string[]; group?: string }
export type ClusterCommandOptions =
  | ({ action: 'command'; argv: string[] } & Selection)
  | ({ action: 'copyfile'; file: string; use_replication_network: boolean } & Selection)
  | { action: 'destroy-finalize' };

/** One node's command result, a note (skipped nodes), or a per-node error (the run goes on). */
export type ClusterCommandMessage = { node: string; output: string; exit_code: number } | { note: string } | { error: string };

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function parseClusterCommandOptions(text: string): ClusterCommandOptions {
  let v: Record<string, unknown> | null = null;
  try { v = JSON.parse(text) as Record<string, unknown>; } catch { /* below */ }
  const bad = () => new ParameterError(`${CLUSTER_COMMAND_PROGRAM} expects {"action": "command"|"copyfile"|"destroy-finalize", ...} as JSON on stdin`, { ecode: 'wrong_input' });
  if (!v || typeof v !== 'object') throw bad();
  if (v.action === 'destroy-finalize') return { action: 'destroy-finalize' };
  if (!strings(v.nodes) || (v.group !== undefined && typeof v.group !== 'string')) throw bad();
  const sel: Selection = { nodes: v.nodes, ...(v.group !== undefined ? { group: v.group as string } : {}) };
  if (v.action === 'command' && strings(v.argv) && v.argv.length) return { action: 'command', argv: v.argv, ...sel };
  if (v.action === 'copyfile' && typeof v.file === 'string') {
    return { action: 'copyfile', file: v.file, use_replication_network: v.use_replication_network === true, ...sel };
  }
  throw bad();
}
