// Jobs ready to start, ordered by priority then id (Ganeti's JQScheduler order). A binary
// heap with lazy deletion: a priority change pushes a fresh entry and stale ones are
// skipped on pop, so thousands of queued jobs cost O(log n) per operation.
interface Entry<T> { priority: number; id: number; item: T }

export class ReadyQueue<T> {
  private heap: Entry<T>[] = [];

  get size(): number { return this.heap.length; }

  push(priority: number, id: number, item: T): void {
    const h = this.heap;
    h.push({ priority, id, item });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  /** Pops the best entry for which `valid` holds, discarding stale entries on the way. */
  pop(valid: (item: T, priority: number) => boolean): T | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      this.removeTop();
      if (valid(top.item, top.priority)) return top.item;
    }
    return undefined;
  }

  private removeTop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < h.length && less(h[l]!, h[best]!)) best = l;
      if (r < h.length && less(h[r]!, h[best]!)) best = r;
      if (best === i) return;
      [h[i], h[best]] = [h[best]!, h[i]!];
      i = best;
    }
  }
}

function less<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.id < b.id);
}
