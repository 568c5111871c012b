// The OS definitions shipped with ganeti-ts (dummy, image, ...), installed into a node's
// first OS search dir by ensure-dirs; the copying is daemons/common/shipped-files.ts.
import type { Paths } from '../../common/paths.js';
import { findProjectRoot, installShippedDirs, SHIPPED_TREES } from '../../common/shipped-files.js';

export { findProjectRoot };

const OS_TREE = SHIPPED_TREES.find((t) => t.source.endsWith('os-definitions'))!;

export function shippedOsDir(): string {
  return `${findProjectRoot()}/${OS_TREE.source}`;
}

/** Copies every shipped OS directory into paths.osSearchPath[0]; returns the names of the installed OSes. */
export function installShippedOses(paths: Paths, sourceDir: string = shippedOsDir()): Promise<string[]> {
  return installShippedDirs(sourceDir, OS_TREE.target(paths));
}
