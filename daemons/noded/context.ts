// What every noded backend call needs: this node's paths and the daemon's logger, plus the
// cluster's file storage dir as this node knows it (request > ssconf > Ganeti's default).
import type { Logger } from '../common/log.js';
import type { Paths } from '../common/paths.js';
import { readSsconf } from '../common/ssconf.js';
import { DEFAULT_FILE_STORAGE_DIR } from '../storage/file.js';

export interface NodedContext {
  readonly paths: Paths;
  readonly logger: Logger;
}

/** The node-independent file storage dir to use for a request. */
export function fileStorageDirFor(ctx: NodedContext, requested?: string): string {
  return requested || readSsconf(ctx.paths, 'file_storage_dir') || DEFAULT_FILE_STORAGE_DIR;
}
