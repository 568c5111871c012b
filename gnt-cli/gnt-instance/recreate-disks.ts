// gnt-instance recreate-disks [-n node] [-I allocator] [--disk N[:size=…,mode=…]] INSTANCE:
// OP_INSTANCE_RECREATE_DISKS (Ganeti's RecreateDisks): all disks, or the given ones with an
// optional new size or mode, on the instance's node or on a new one.
import { OpInstanceRecreateDisks } from '../../daemons/common/opcodes/instance.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { collect, splitIdentKeyVal } from '../../daemons/common/client/keyval.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { parseUnit } from '../../daemons/common/units.js';
import { splitNodeOption } from './create-args.js';

interface RecreateOpts extends GenericOpts {
  disk?: string[];
  node?: string;
  iallocator?: string;
}

function invalid(msg: string): never {
  throw new OpPrereqError(msg, { ecode: 'wrong_input' });
}

/** --disk N[:size=…,mode=…,spindles=…] into [index, params]. */
export function parseRecreateDisks(values: string[] | undefined): [number, Record<string, unknown>][] {
  return (values ?? []).map((v) => {
    const [ident, dict] = splitIdentKeyVal('--disk', v);
    if (!/^\d+$/.test(ident)) invalid(`Invalid disk index passed: '${ident}' (expected 0, 1, …)`);
    if (dict === false || dict === null) invalid(`Invalid --disk value '${v}': expected N[:size=…,mode=…]`);
    const params: Record<string, unknown> = { ...dict };
    for (const [k, val] of Object.entries(params)) if (typeof val !== 'string') invalid(`Missing value for '${k}' of disk ${ident}`);
    if (params.size !== undefined) {
      try { params.size = parseUnit(String(params.size)); } catch (err) { invalid(`Invalid disk size for disk ${ident}: ${(err as Error).message}`); }
    }
    if (params.spindles !== undefined) {
      if (!/^\d+$/.test(String(params.spindles))) invalid(`Invalid spindles for disk ${ident}: '${String(params.spindles)}'`);
      params.spindles = Number(params.spindles);
    }
    return [Number(ident), params];
  });
}

export const verb: VerbDef<RecreateOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--disk <N[:params]>', 'Disk to recreate, with optional new size, mode or spindles (repeatable)', collect(String));
    cmd.option('-n, --node <pnode[:snode]>', 'New node(s) for the instance');
    cmd.option('-I, --iallocator <name>', 'Select new nodes for the instance automatically using the <NAME> iallocator plugin');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    if (opts.node && opts.iallocator) invalid('At most one of either --nodes or --iallocator can be passed');
    const [pnode, snode] = splitNodeOption(opts.node);
    const nodes = pnode ? [pnode, ...(snode ? [snode] : [])] : [];
    const op = buildOp(ctx, OpInstanceRecreateDisks, {
      instance_name: name, disks: parseRecreateDisks(opts.disk), nodes, iallocator: opts.iallocator,
    }, opts);
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
