// Lets an update() mutator work on the live config document while keeping an undo log,
// so that a mutator that throws half-way leaves no trace (copying a 9 MB config per
// update would cost more than the write itself). The mutator sees the document through
// proxies that record every property write and delete; undo() replays the log backwards.
// It also records which top-level sections were written, and which entries of the keyed
// sections (nodes, instances, ...: uuid -> object), so lookup indexes are updated only
// for what changed.

interface UndoEntry { target: Record<PropertyKey, unknown>; key: PropertyKey; had: boolean; old: unknown }

export interface Draft<T> {
  /** The document as the mutator should see it. */
  readonly root: T;
  /** Top-level keys under which something was written ('*' for the root itself). */
  readonly touched: Set<string>;
  /** Per section, the entries (second-level keys) written, added or deleted; a section
   * replaced as a whole is in `replaced` instead. */
  readonly entries: Map<string, Set<string>>;
  /** Top-level keys assigned or deleted on the root itself. */
  readonly replaced: Set<string>;
  /** Reverts every write made through the draft, newest first. */
  undo(): void;
  /** Replaces draft proxies in a value by the objects they stand for. */
  unwrap<V>(value: V): V;
}

export function createDraft<T extends object>(doc: T): Draft<T> {
  const log: UndoEntry[] = [];
  const touched = new Set<string>();
  const entries = new Map<string, Set<string>>();
  const replaced = new Set<string>();
  const proxyOf = new WeakMap<object, object>();
  const targetOf = new WeakMap<object, object>();
  let active = true;

  const unwrap = <V>(value: V, seen = new Set<object>()): V => {
    if (value === null || typeof value !== 'object') return value;
    const target = targetOf.get(value as object);
    if (target) return target as V;
    // A fresh object may hold proxies it got by reading the draft (spread, push of a
    // read value): the document must only ever contain plain objects.
    if (seen.has(value as object)) return value;
    seen.add(value as object);
    const rec = value as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      const v = rec[k];
      const u = unwrap(v, seen);
      if (u !== v) rec[k] = u;
    }
    return value;
  };

  const wrap = (value: object, section: string, entry: string | null): object => {
    let p = proxyOf.get(value);
    if (!p) {
      p = new Proxy(value, handler(section, entry));
      proxyOf.set(value, p);
      targetOf.set(p, value);
    }
    return p;
  };

  const record = (target: Record<PropertyKey, unknown>, key: PropertyKey, section: string, entry: string | null) => {
    if (!active) return;
    // Writing past an array's end grows its length implicitly: remember the old length
    // first so that undo (newest first) deletes the element, then restores the length.
    if (Array.isArray(target) && key !== 'length') log.push({ target, key: 'length', had: true, old: target.length });
    log.push({ target, key, had: Object.prototype.hasOwnProperty.call(target, key), old: target[key] });
    touched.add(section === '*' && typeof key === 'string' ? key : section);
    if (section === '*') { if (typeof key === 'string') replaced.add(key); return; }
    // A write to the section object itself names the entry by its key.
    const e = entry ?? (typeof key === 'string' ? key : null);
    if (e === null) return;
    let set = entries.get(section);
    if (!set) entries.set(section, (set = new Set()));
    set.add(e);
  };

  // section: the top-level key the proxied object lies under ('*': the root); entry: the
  // second-level key (null for the root and the section objects themselves).
  const handler = (section: string, entry: string | null): ProxyHandler<Record<PropertyKey, unknown>> => ({
    get(target, key) {
      const v = Reflect.get(target, key);
      if (v === null || typeof v !== 'object') return v;
      if (section === '*') return wrap(v, typeof key === 'string' ? key : section, null);
      return wrap(v, section, entry ?? (typeof key === 'string' ? key : null));
    },
    set(target, key, value) {
      record(target, key, section, entry);
      target[key] = unwrap(value);
      return true;
    },
    deleteProperty(target, key) {
      if (!Object.prototype.hasOwnProperty.call(target, key)) return true;
      record(target, key, section, entry);
      return Reflect.deleteProperty(target, key);
    },
    defineProperty(target, key, desc) {
      record(target, key, section, entry);
      return Reflect.defineProperty(target, key, 'value' in desc ? { ...desc, value: unwrap(desc.value) } : desc);
    },
  });

  return {
    root: wrap(doc, '*', null) as T,
    touched,
    entries,
    replaced,
    undo() {
      active = false;
      for (let i = log.length - 1; i >= 0; i--) {
        const e = log[i]!;
        if (e.had) e.target[e.key] = e.old;
        else delete e.target[e.key];
      }
      log.length = 0;
    },
    unwrap: (v) => unwrap(v),
  };
}
