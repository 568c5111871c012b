// Text renderings that Ganeti's Python CLI produces implicitly (str() of values, time.ctime,
// utils.FormatTime, utils.NiceSort); users and scripts match on them, so we reproduce them.

/** Python's repr() of a JSON value: strings quoted, lists and dicts in Python syntax. */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') {
    const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
    const body = v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
    return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
  }
  return pyStr(v);
}

/** Python's str() of a JSON value: True/False/None, numbers as written, containers as repr. */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : (v > 0 ? 'inf' : v < 0 ? '-inf' : 'nan');
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  }
  return String(v);
}

/** utils.CommaJoin: items joined by ", ". */
export function commaJoin(items: Iterable<unknown>): string {
  return [...items].map(pyStr).join(', ');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Python's time.ctime(): "Thu May  1 10:00:00 2026" in local time (day padded with a space). */
export function ctime(seconds: number): string {
  const d = new Date(Math.floor(seconds) * 1000);
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ` +
    `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())} ${d.getFullYear()}`;
}

/** utils.FormatTime: "YYYY-MM-DD HH:MM:SS" local time, with ".uuuuuu" when usecs is given. */
export function formatTime(seconds: unknown, usecs?: number): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '?';
  const d = new Date(Math.floor(seconds) * 1000);
  const base = `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ` +
    `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
  return usecs === undefined ? base : `${base}.${String(Math.trunc(usecs)).padStart(6, '0')}`;
}

/** cli.FormatTimestamp: a [sec, usec] pair with microseconds, "?" for anything else. */
export function formatTimestamp(ts: unknown): string {
  if (!Array.isArray(ts) || ts.length !== 2 || typeof ts[0] !== 'number' || typeof ts[1] !== 'number') return '?';
  return formatTime(ts[0], ts[1]);
}

/** Seconds (float) of a [sec, usec] pair or a plain number; null when neither. */
export function mergeTime(ts: unknown): number | null {
  if (typeof ts === 'number') return ts;
  if (Array.isArray(ts) && typeof ts[0] === 'number' && typeof ts[1] === 'number') return ts[0] + ts[1] / 1e6;
  return null;
}

/** utils.NiceSort: natural order, so node2 sorts before node10. */
export function niceSort(names: Iterable<string>): string[] {
  const key = (s: string) => s.split(/(\d+)/).map((part, i) => (i % 2 ? Number(part) : part));
  return [...names].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const x = ka[i]!;
      const y = kb[i]!;
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return String(x) < String(y) ? -1 : 1;
    }
    return ka.length - kb.length;
  });
}
