// A daemon that mostly waits (noded) gives memory back after a burst of work: one full
// collection a few seconds after the last request, when the runtime exposes gc() (daemons
// are started with --expose-gc by daemon-util). Without it this does nothing.
const IDLE_MS = 3000;
let timer: NodeJS.Timeout | null = null;

export function touchIdleGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => { timer = null; gc(); }, IDLE_MS);
  timer.unref();
}
