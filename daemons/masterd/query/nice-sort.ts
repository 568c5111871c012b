// Ganeti's "nice" sort (utils.NiceSort): runs of digits compare as numbers, so node2 sorts
// before node10. Keys are computed once per item, never inside the comparator.

export type NiceKey = (string | number)[];

/** Splits a name into alternating digit / non-digit chunks; digit chunks become numbers. */
export function niceSortKey(value: string): NiceKey {
  // A hand-written scan: this runs once per row of every list, 10,000 times for big clusters.
  const out: NiceKey = [];
  let start = 0;
  let digits = false;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : -1;
    const d = c >= 48 && c <= 57;
    if (i === value.length || (i > start && d !== digits)) {
      if (i > start) out.push(digits ? Number(value.slice(start, i)) : value.slice(start, i));
      start = i;
    }
    digits = d;
  }
  return out;
}

/** Compares keys chunk by chunk; a number sorts before text (as in Python 2), shorter first. */
export function compareNiceKeys(a: NiceKey, b: NiceKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const xn = typeof x === 'number';
    const yn = typeof y === 'number';
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Sorts items by a string name with nice ordering; stable for equal names. */
export function niceSortBy<T>(items: T[], name: (item: T) => string): T[] {
  const keyed = items.map((item, idx) => ({ item, idx, key: niceSortKey(name(item)) }));
  keyed.sort((p, q) => compareNiceKeys(p.key, q.key) || p.idx - q.idx);
  return keyed.map((k) => k.item);
}

export function niceSort(names: Iterable<string>): string[] {
  return niceSortBy([...names], (s) => s);
}
