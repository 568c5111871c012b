// Compression of backup dumps (Ganeti's import/export compression tools): the cluster lists the
// tools it allows (`compression_tools`, set with gnt-cluster init/modify --compression-tools);
// an export names one (`gnt-backup export --transport-compression TOOL`) or none. Each known
// tool is one program with its compress and decompress arguments (a filter, stdin to stdout).

/** Ganeti's default list, used when the cluster config has none. */
export const DEFAULT_COMPRESSION_TOOLS: readonly string[] = ['gzip', 'gzip-fast', 'gzip-slow'];
export const NO_COMPRESSION = 'none';

interface Tool { program: string; compress: string[]; decompress: string[] }

const TOOLS: Readonly<Record<string, Tool>> = {
  gzip: { program: 'gzip', compress: ['-c'], decompress: ['-dc'] },
  'gzip-fast': { program: 'gzip', compress: ['-1', '-c'], decompress: ['-dc'] },
  'gzip-slow': { program: 'gzip', compress: ['-9', '-c'], decompress: ['-dc'] },
  lzop: { program: 'lzop', compress: ['-c'], decompress: ['-dc'] },
};

export function knownCompressionTools(): string[] { return Object.keys(TOOLS); }

/** The cluster's allowed tools: its config's list when it has one, else Ganeti's default. */
export function clusterCompressionTools(cluster: object): readonly string[] {
  const tools = (cluster as { compression_tools?: unknown }).compression_tools;
  return Array.isArray(tools) && tools.every((x) => typeof x === 'string') ? tools as string[] : DEFAULT_COMPRESSION_TOOLS;
}

/** A refusal message for `tool`, or null when the cluster allows it (none is always allowed). */
export function compressionRefusal(tool: string, allowed: readonly string[]): string | null {
  if (tool === NO_COMPRESSION) return null;
  if (!allowed.includes(tool)) return `Compression tool '${tool}' is not allowed on this cluster (allowed: ${[NO_COMPRESSION, ...allowed].join(', ')})`;
  if (!TOOLS[tool]) return `Compression tool '${tool}' is not supported (supported: ${[NO_COMPRESSION, ...knownCompressionTools()].join(', ')})`;
  return null;
}

/** argv of the filter that compresses (or decompresses) with `tool`. */
export function compressionCommand(tool: string, direction: 'compress' | 'decompress'): string[] {
  const t = TOOLS[tool];
  if (!t) throw new Error(`Unknown compression tool '${tool}' (known: ${knownCompressionTools().join(', ')})`);
  return [t.program, ...t[direction]];
}
