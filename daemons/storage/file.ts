// The file disk template: disk images in the node's own file storage dir
// (<file storage dir>/<instance>/<disk uuid>.file or .qcow2); see file-based.ts.
import type { Paths } from '../common/paths.js';
import { FileBasedStorage } from './file-based.js';
import { FILE_DESCRIPTOR } from './file-descriptor.js';
import type { ReportOptions } from './storage-driver.js';

export { FILE_DRIVERS, fileDiskLogicalId } from './file-based.js';

/** Ganeti's default cluster file storage dir, as the config stores it (node-independent). */
export const DEFAULT_FILE_STORAGE_DIR = '/srv/ganeti/file-storage';

export class FileStorage extends FileBasedStorage {
  readonly kind = FILE_DESCRIPTOR.name;
  readonly capabilities = FILE_DESCRIPTOR.capabilities;
  protected readonly defaultDir = DEFAULT_FILE_STORAGE_DIR;
  protected readonly dirLabel = 'file storage dir';

  constructor(paths: Paths) { super(paths); }

  protected configuredDir(ctx: ReportOptions): string | undefined { return ctx.fileStorageDir; }
}
