// The drivers noded builds from descriptors (hypervisors, storage templates), imported once at
// start rather than when their registry module is imported: a top-level await would keep
// noded's worker an ES module, and as CommonJS it starts in a third less CPU (docs/scaling.md,
// round 16). Used by hypervisor/registry.ts and storage/registry.ts.
import { ProgrammerError } from './errors.js';

export interface DriverTable<F> {
  /** Imports every driver, once; later calls wait for the first. */
  load(): Promise<void>;
  /** name -> factory; a ProgrammerError before load() has finished. */
  factories(): ReadonlyMap<string, F>;
}

export function driverTable<F>(what: string, names: () => string[], load: (name: string) => Promise<F>): DriverTable<F> {
  let table: Map<string, F> | null = null;
  let loading: Promise<void> | null = null;
  return {
    load() {
      loading ??= Promise.all(names().map(async (name) => [name, await load(name)] as const))
        .then((loaded) => { table = new Map(loaded); });
      return loading;
    },
    factories() {
      if (!table) throw new ProgrammerError(`The ${what} drivers are not loaded yet (noded loads them at start)`);
      return table;
    },
  };
}
