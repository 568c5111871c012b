// The node's ssconf files, written for WriteSsconfFiles (files.ts) and for the ssconf part
// of UploadConfigDeltas (config-copy.ts: a replication round is one call per candidate).
import { Mutex } from '../../common/async.js';
import { atomicWrite, ensureDir, fsyncDir } from '../../common/atomic-file.js';
import { isSsconfKey, SSCONF_KEYS } from '../../common/ssconf.js';
import type { NodedContext } from '../context.js';
import { invalid } from '../validate.js';

const SSCONF_MODE = 0o444;
// One ssconf rewrite at a time: two interleaved writers could leave a mix of two generations.
const ssconfLock = new Mutex();

/** Throws (naming the bad keys and the allowed ones) unless every key is an ssconf key. */
export function checkSsconfKeys(values: Record<string, string>): void {
  const unknown = Object.keys(values).filter((k) => !isSsconfKey(k));
  if (unknown.length > 0) {
    throw invalid(`Unknown ssconf key(s) ${unknown.map((k) => `'${k}'`).join(', ')} (allowed: ${SSCONF_KEYS.join(', ')})`);
  }
}

/** Writes the given ssconf files (keys checked first, nothing written when one is bad). */
export async function writeSsconfValues(ctx: NodedContext, values: Record<string, string>): Promise<void> {
  checkSsconfKeys(values);
  await ssconfLock.run(async () => {
    await ensureDir(ctx.paths.dataDir);
    // fsync each file but the directory only once, at the end: ~30 files per config change.
    for (const [key, value] of Object.entries(values)) {
      await atomicWrite(ctx.paths.ssconfFile(key), value, { mode: SSCONF_MODE, fsyncDir: false });
    }
    await fsyncDir(ctx.paths.dataDir);
  });
  ctx.logger.debug(`wrote ${Object.keys(values).length} ssconf files`);
}
