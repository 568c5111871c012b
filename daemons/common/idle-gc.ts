// A daemon that mostly waits gives memory back after a burst of work: one full collection a
// few seconds after the last request, when the runtime exposes gc() (masterd is started with
// --expose-gc by daemon-util) or the daemon asked for it on demand (exposeGcWhenIdle: noded's
// worker). Otherwise this does nothing.
// Why it is needed: V8 collects only when JavaScript allocates, so the garbage of a burst
// (old-space objects, dead Buffers: a full config copy to a candidate is megabytes, the
// young generation grown to 2 x 16 MB) stays in RSS for as long as the daemon is idle.
// masterd with 10,000 instances: 179 MB 15 s after three lists and a verify, 112 MB after
// this collection (docs/scaling.md, Memory).
const IDLE_MS = 3000;
/** Above this, the young generation is given back too (a plain full collection keeps it).
 * masterd's young generation is at most 2 x 2 MB (--max-semi-space-size=2); noded's worker's
 * has V8's default limit (2 x 16 MB) and grows past this in a long burst. */
const YOUNG_LIMIT = 4 * 2 ** 20;
let timer: NodeJS.Timeout | null = null;

export type GcFlavor = 'regular' | 'last-resort';
type Gc = (opts?: { type: 'major'; execution: 'sync'; flavor: GcFlavor }) => void;

/** Which collection: V8's memory-reducing ("last-resort") one also shrinks the young
 * generation, but costs about four times a plain one (masterd, 10,000 instances: 196 against
 * 42 ms), so only when the young generation has grown. */
export function idleGcFlavor(youngGenerationBytes: number): GcFlavor {
  return youngGenerationBytes > YOUNG_LIMIT ? 'last-resort' : 'regular';
}

function youngGeneration(): number {
  const v8 = process.getBuiltinModule('node:v8');
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.physical_space_size ?? 0;
}

let onDemand = false;

/** gc() without --expose-gc on the command line, made available the first time the process is
 * idle. Any V8 flag on a command line makes Node's start ignore its own built-in code cache:
 * noded's worker, which starts at the first call after every idle period, took 16 ms more CPU
 * per start with its two flags (docs/scaling.md, round 16). Setting the flag later costs that
 * only for Node modules loaded after it, and it is set when nothing is waiting. */
export function exposeGcWhenIdle(): void { onDemand = true; }

let exposed: Gc | undefined;

/** The runtime's gc(): the global one, else (on demand) the one the flag exposes once set. */
export function runtimeGc(): Gc | undefined {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (gc || !onDemand) return gc;
  if (!exposed) {
    process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc');
    // A new context gets the gc() the flag now exposes; this one's global stays as it was.
    exposed = process.getBuiltinModule('node:vm').runInNewContext('gc') as Gc;
  }
  return exposed;
}

export function touchIdleGc(): void {
  if (!onDemand && !(globalThis as { gc?: Gc }).gc) return;
  // refresh(): one timer re-armed per request, not a new one (masterd calls this per RPC).
  if (timer) { timer.refresh(); return; }
  timer = setTimeout(() => {
    timer = null;
    runtimeGc()?.({ type: 'major', execution: 'sync', flavor: idleGcFlavor(youngGeneration()) });
  }, IDLE_MS);
  timer.unref();
}
