// The OS query the gnt-os verbs run (Ganeti's OpOsDiagnose output fields), as row objects.
import type { VerbContext } from '../framework/spec.js';

export type OsRow = Record<string, unknown>;

export async function queryOses(ctx: VerbContext, fields: string[]): Promise<OsRow[]> {
  const res = await (await ctx.master()).query('os', fields, [], null);
  return res.rows.map((row) => Object.fromEntries(fields.map((f, i) => [f, row[i]?.status === 0 ? row[i]!.value : null])));
}

/** One parameters.list entry as [name, description] (Ganeti splits each line once on whitespace). */
export function paramPair(p: unknown): [string, string] {
  if (Array.isArray(p)) return [String(p[0] ?? ''), String(p[1] ?? '')];
  const line = String(p).trim();
  const m = /^(\S+)\s*(.*)$/.exec(line);
  return m ? [m[1]!, m[2]!] : [line, ''];
}
