// qemu-img for the drivers' live disk snapshots (disk-snapshotting.ts): argv, no shell; a
// failure is a HypervisorError carrying qemu-img's own message. (Storage has its own runner,
// storage/image-file.ts, in the layer the hypervisors may not import.)
import { execFile } from 'node:child_process';
import { HypervisorError } from '../common/errors.js';

export function qemuImg(args: string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('qemu-img', args, { ...(signal ? { signal } : {}) }, (err, _out, stderr) => {
      if (err) reject(new HypervisorError(`qemu-img ${args[0]} failed: ${String(stderr).trim() || err.message}`));
      else resolve();
    });
  });
}
