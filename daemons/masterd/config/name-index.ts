// Name -> uuid lookups over the config's nodes, instances and groups, with Ganeti's short
// name matching (MatchNameComponent: 'inst1' matches 'inst1.example.com' but not
// 'inst10'; exact first, then a unique dot-prefix match, then the same ignoring case).
// Kept up to date entry by entry after a change (update()), or rebuilt when a whole
// section changed, so construction must be cheap: only the exact map is built up front;
// the sorted list for prefix matches is built on the first miss.

interface Named { uuid: string; name: string }

export class NameIndex {
  private readonly exact = new Map<string, string>();
  private readonly nameOf = new Map<string, string>();
  private sorted: string[] | null = null;

  constructor(objects: Iterable<Named>) {
    for (const o of objects) { this.exact.set(o.name, o.uuid); this.nameOf.set(o.uuid, o.name); }
  }

  /** The object with this uuid is now `obj` (undefined: gone): O(1) instead of a rebuild. */
  update(uuid: string, obj: Named | undefined): void {
    const old = this.nameOf.get(uuid);
    if (old !== undefined && old === obj?.name) return;
    if (old !== undefined) {
      this.nameOf.delete(uuid);
      if (this.exact.get(old) === uuid) this.exact.delete(old);
      this.sorted = null;
    }
    if (obj) {
      this.exact.set(obj.name, uuid);
      this.nameOf.set(uuid, obj.name);
      this.sorted = null;
    }
  }

  /** The uuid for an exact name. */
  byName(name: string): string | undefined { return this.exact.get(name); }

  /** The uuid for a name or unique short name; undefined if none or ambiguous. */
  expand(name: string): string | undefined {
    const hit = this.exact.get(name);
    if (hit !== undefined) return hit;
    const names = (this.sorted ??= [...this.exact.keys()].sort());
    const prefix = `${name}.`;
    const matches: string[] = [];
    for (let i = lowerBound(names, prefix); i < names.length && names[i]!.startsWith(prefix); i++) {
      matches.push(names[i]!);
      if (matches.length > 1) return undefined;
    }
    if (matches.length === 0) {
      // Rare path (a typo or different case): a linear scan is fine.
      const lower = name.toLowerCase();
      for (const n of names) {
        const l = n.toLowerCase();
        if (l === lower || l.startsWith(`${lower}.`)) matches.push(n);
      }
    }
    return matches.length === 1 ? this.exact.get(matches[0]!) : undefined;
  }
}

function lowerBound(a: string[], key: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
