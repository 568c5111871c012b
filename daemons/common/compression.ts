// Compression tools (Ganeti's compression_tools): the cluster lists the tools it allows
// (`gnt-cluster init/modify --compression-tools`). One table serves both uses:
// - backup dumps (`gnt-backup export --transport-compression TOOL`): each tool is a program
//   with its compress and decompress arguments (a filter, stdin to stdout), as in Ganeti;
// - disk data streamed node to node (`gnt-instance move --compress`): the gzip tools' zlib
//   level, applied chunk by chunk in-process by the sending and receiving noded.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ParameterError } from './errors.js';
import { DEFAULT_COMPRESSION_TOOLS } from './objects.js';

export const NO_COMPRESSION = 'none';

interface Tool { program: string; compress: string[]; decompress: string[]; zlibLevel: number | null }

const TOOLS: Readonly<Record<string, Tool>> = {
  gzip: { program: 'gzip', compress: ['-c'], decompress: ['-dc'], zlibLevel: 6 },
  'gzip-fast': { program: 'gzip', compress: ['-1', '-c'], decompress: ['-dc'], zlibLevel: 1 },
  'gzip-slow': { program: 'gzip', compress: ['-9', '-c'], decompress: ['-dc'], zlibLevel: 9 },
  lzop: { program: 'lzop', compress: ['-c'], decompress: ['-dc'], zlibLevel: null },
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

const TRANSPORT_TOOLS = [NO_COMPRESSION, ...Object.keys(TOOLS).filter((k) => TOOLS[k]!.zlibLevel !== null)];

/** The zlib level of a transport tool, null for none; anything else is refused by name. */
export function compressionLevel(tool: string | null | undefined): number | null {
  const t = tool || NO_COMPRESSION;
  if (t === NO_COMPRESSION) return null;
  const level = TOOLS[t]?.zlibLevel;
  if (level === undefined || level === null) {
    throw new ParameterError(`Unknown compression tool '${t}' (allowed: ${TRANSPORT_TOOLS.join(', ')})`, { ecode: 'wrong_input' });
  }
  return level;
}

export function compressChunk(data: Buffer, tool: string | null | undefined): Buffer {
  const level = compressionLevel(tool);
  return level === null ? data : deflateRawSync(data, { level });
}

export function decompressChunk(data: Buffer, tool: string | null | undefined): Buffer {
  return compressionLevel(tool) === null ? data : inflateRawSync(data);
}
