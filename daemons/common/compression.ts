// Transport compression of disk data sent node to node (Ganeti's compression_tools, used by
// `gnt-instance move --compress`): 'none', or gzip at Ganeti's three levels. One table, read
// by the master (to refuse an unknown tool before anything moves) and by noded (to deflate
// chunks on the sending side and inflate them on the receiving side).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ParameterError } from './errors.js';

const LEVELS: Record<string, number | null> = { none: null, gzip: 6, 'gzip-fast': 1, 'gzip-slow': 9 };

/** The zlib level of a tool, null for none; anything else is refused by name. */
export function compressionLevel(tool: string | null | undefined): number | null {
  const t = tool || 'none';
  if (!(t in LEVELS)) {
    throw new ParameterError(`Unknown compression tool '${t}' (allowed: ${Object.keys(LEVELS).join(', ')})`, { ecode: 'wrong_input' });
  }
  return LEVELS[t]!;
}

export function compressChunk(data: Buffer, tool: string | null | undefined): Buffer {
  const level = compressionLevel(tool);
  return level === null ? data : deflateRawSync(data, { level });
}

export function decompressChunk(data: Buffer, tool: string | null | undefined): Buffer {
  return compressionLevel(tool) === null ? data : inflateRawSync(data);
}
