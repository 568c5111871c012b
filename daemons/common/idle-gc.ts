// A daemon that mostly waits gives memory back after a burst of work: one full collection a
// few seconds after the last request, when the runtime exposes gc() (daemons are started
// with --expose-gc by daemon-util). Without it this does nothing.
// Why it is needed: V8 collects only when JavaScript allocates, so the garbage of a burst
// (old-space objects, dead Buffers: a full config copy to a candidate is megabytes, the
// young generation grown to 2 x 16 MB) stays in RSS for as long as the daemon is idle.
// masterd with 10,000 instances: 179 MB 15 s after three lists and a verify, 112 MB after
// this collection (docs/scaling.md, Memory).
const IDLE_MS = 3000;
/** Above this, the young generation is given back too (a plain full collection keeps it).
 * masterd's young generation is at most 2 x 4 MB (--max-semi-space-size=4): it grows past
 * this after a burst; noded's worker's (1 MB semi-spaces) does not. */
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

export function touchIdleGc(): void {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (!gc) return;
  // refresh(): one timer re-armed per request, not a new one (masterd calls this per RPC).
  if (timer) { timer.refresh(); return; }
  timer = setTimeout(() => {
    timer = null;
    gc({ type: 'major', execution: 'sync', flavor: idleGcFlavor(youngGeneration()) });
  }, IDLE_MS);
  timer.unref();
}
