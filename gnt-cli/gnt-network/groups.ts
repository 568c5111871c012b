// The groups connect/disconnect act on: those named, or every group of the cluster.
import type { VerbContext } from '../framework/spec.js';

export async function targetGroups(ctx: VerbContext, named: string[]): Promise<string[]> {
  if (named.length) return named;
  const res = await (await ctx.master()).query('group', ['name'], [], null);
  return res.rows.map((r) => String(r[0]!.value));
}
