// What every noded backend call needs: this node's paths and the daemon's logger.
import type { Logger } from '../common/log.js';
import type { Paths } from '../common/paths.js';
import { fileStorageDirFor as ownFileStorageDir } from './storage-paths.js';

export interface NodedContext {
  readonly paths: Paths;
  readonly logger: Logger;
}

/** This node's file storage dir (node-independent), from its ssconf and checked against its
 * file-storage-paths; a request's dir may only repeat it (storage-paths.ts). */
export function fileStorageDirFor(ctx: NodedContext, requested?: string): string {
  return ownFileStorageDir(ctx.paths, requested);
}
