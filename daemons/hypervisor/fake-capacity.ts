// Per-node capacities of a virtual node, written by vcluster-setup to etc/ganeti/fake-node.json:
// {"cpus": N, "memory": MiB, "disk": MiB, "memory_dom0": MiB}. Real Ganeti's fake hypervisor
// reports the host's /proc figures, so every virtual node looked the same; this file lets
// nodes differ (DESIGN.md "Virtual cluster"). Absent file = use the host's figures.
import { readFileSync } from 'node:fs';
import { HypervisorError } from '../common/errors.js';

export interface FakeCapacity {
  cpus: number;
  memory: number;        // MiB
  disk: number | null;   // MiB, for the file storage report
  memory_dom0: number;   // MiB the node keeps for itself
}

export const DEFAULT_MEMORY_DOM0 = 512;

/** Reads the capacity file; null when it does not exist; HypervisorError when it is malformed. */
export function readFakeCapacity(file: string): FakeCapacity | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new HypervisorError(`Cannot read node capacity file ${file}: ${(err as Error).message}`,
      { ecode: 'environment_error' });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new HypervisorError(`Node capacity file ${file} is not valid JSON: ${(err as Error).message}`,
      { ecode: 'environment_error' });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new HypervisorError(`Node capacity file ${file} must hold a JSON object`, { ecode: 'environment_error' });
  }
  const obj = raw as Record<string, unknown>;
  const num = (key: string, required: boolean): number | null => {
    const v = obj[key];
    if (v === undefined && !required) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new HypervisorError(`Node capacity file ${file}: '${key}' must be a non-negative number, got ${JSON.stringify(v)}`,
        { ecode: 'environment_error' });
    }
    return Math.floor(v);
  };
  return {
    cpus: num('cpus', true)!,
    memory: num('memory', true)!,
    disk: num('disk', false),
    memory_dom0: num('memory_dom0', false) ?? DEFAULT_MEMORY_DOM0,
  };
}

/** The host's memory as Ganeti's GetLinuxNodeInfo reads it (MiB): total, free (+buffers+cache), dom0 (Active). */
export function readHostMemory(meminfoText: string): { total: number; free: number; dom0: number } {
  const kib: Record<string, number> = {};
  for (const line of meminfoText.split('\n')) {
    const m = /^(\w+):\s+(\d+)/.exec(line);
    if (m) kib[m[1]!] = Number(m[2]);
  }
  const mib = (k: string) => Math.floor((kib[k] ?? 0) / 1024);
  return { total: mib('MemTotal'), free: mib('MemFree') + mib('Buffers') + mib('Cached'), dom0: mib('Active') };
}
