// The whole machine's CPU, for benchmarks that measure more than their own processes.
import { readFileSync } from 'node:fs';

/** ms per clock tick in /proc (USER_HZ 100). */
export const TICK_MS = 10;

/** The whole machine's busy CPU (user, nice, system, irq, softirq: kernel threads such as the
 * file system's journal included), in ms. */
export function machineCpuMs(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) * TICK_MS;
}
