// gnt-node power [--force] [--ignore-status] [--all] [--power-delay S] [--oob-timeout S]
//   on|off|cycle|status [NODE...] (Ganeti's gnt_node.PowerNode): the nodes' out-of-band
// program changes or reports their power. off and cycle ask first (unless --force) and need
// node names or --all (every node but the master, which they never touch); on and status
// without names act on every node. Without --ignore-status, off first marks the nodes
// offline in the same job (OP_NODE_SET_PARAMS, with --auto-promote as given), since the
// master refuses to power off a node that is not offline. Prints a Node/Status table:
// powered/unpowered for status, invoked for the others; exit code 1 if any node failed.
import { OpPrereqError } from '../../daemons/common/errors.js';
import { OpNodeSetParams } from '../../daemons/common/opcodes/node.js';
import { OpOobCommand } from '../../daemons/common/opcodes/oob.js';
import { OOB_POWER_DELAY, OOB_TIMEOUT } from '../../daemons/common/oob.js';
import { buildOp, submitJob, waitJob, type GenericOpts } from '../../daemons/common/client/submit.js';
import { confirmOperation } from '../framework/confirm.js';
import { addDryRunOption, addPriorityOption } from '../framework/job-options.js';
import { ARGS_AT_LEAST_ONE, type VerbContext, type VerbDef } from '../framework/spec.js';
import { oobRows, oobTable, parseOobResult } from './oob-table.js';

const POWER_COMMANDS = ['on', 'off', 'cycle', 'status'];
const ASK = ['off', 'cycle'];

interface Opts extends GenericOpts {
  force?: boolean;
  ignoreStatus?: boolean;
  all?: boolean;
  autoPromote?: boolean;
  powerDelay?: string;
  oobTimeout?: string;
  headers?: boolean;
  separator?: string;
}

/** --oob-timeout and --power-delay: a positive integer and a non-negative number of seconds. */
export function parseOobTimings(opts: { oobTimeout?: string; powerDelay?: string }): { timeout: number; power_delay: number } {
  const timeout = opts.oobTimeout === undefined ? OOB_TIMEOUT : Number(opts.oobTimeout);
  if (!Number.isInteger(timeout) || timeout < 1) {
    throw new OpPrereqError(`Invalid value '${opts.oobTimeout}' for --oob-timeout: expected a whole number of seconds >= 1`, { ecode: 'wrong_input' });
  }
  const delay = opts.powerDelay === undefined ? OOB_POWER_DELAY : Number(opts.powerDelay);
  if (opts.powerDelay !== undefined && (opts.powerDelay.trim() === '' || !Number.isFinite(delay) || delay < 0)) {
    throw new OpPrereqError(`Invalid value '${opts.powerDelay}' for --power-delay: expected a number of seconds >= 0`, { ecode: 'wrong_input' });
  }
  return { timeout, power_delay: delay };
}

export function addOobTimeoutOption(cmd: { option(flags: string, desc: string): unknown }): void {
  cmd.option('--oob-timeout <seconds>', `Maximum time to wait for out-of-band helper (default ${OOB_TIMEOUT})`);
}
export function addPowerDelayOption(cmd: { option(flags: string, desc: string): unknown }): void {
  cmd.option('--power-delay <seconds>', `Maximum time (in seconds) to wait between powering on nodes (default ${OOB_POWER_DELAY})`);
}

async function allButMaster(ctx: VerbContext): Promise<string[]> {
  const res = await (await ctx.master()).query('node', ['name', 'master'], [], null);
  return res.rows.filter((r) => r[1]?.value !== true).map((r) => String(r[0]?.value));
}

export const verb: VerbDef<Opts> = {
  args: ARGS_AT_LEAST_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('--ignore-status', 'Ignore the Node(s) offline status (potentially DANGEROUS)');
    cmd.option('--all', 'Operate on every node but the master (off and cycle)');
    cmd.option('--auto-promote', 'Automatically promote master candidates if needed when marking nodes offline');
    addPowerDelayOption(cmd);
    addOobTimeoutOption(cmd);
    cmd.option('--no-headers', "Don't display column headers");
    cmd.option('--separator <sep>', 'Separator between output fields (defaults to one space)');
    addDryRunOption(cmd);
    addPriorityOption(cmd);
  },
  async run(ctx, opts, args) {
    const [command, ...given] = args as [string, ...string[]];
    if (!POWER_COMMANDS.includes(command)) {
      ctx.err(`power subcommand ${command} not supported (allowed: ${POWER_COMMANDS.join(', ')}).`);
      return 1;
    }
    const timings = parseOobTimings(opts);
    const oobCommand = `power-${command}` as const;
    let nodes = given;
    if (opts.all && given.length) { ctx.err('Node names in combination with --all are not allowed'); return 1; }
    if (ASK.includes(command)) {
      if (opts.all) nodes = await allButMaster(ctx);
      if (!nodes.length) {
        ctx.err(opts.all ? 'There is no node but the master to operate on' : 'Please provide at least one node for this command (or --all)');
        return 1;
      }
      if (!opts.force && !(await confirmOperation(ctx.io, nodes, 'nodes', `power ${command}`))) return 1;
    }
    const ops = [];
    if (!opts.ignoreStatus && oobCommand === 'power-off') {
      for (const node of nodes) ops.push(buildOp(ctx, OpNodeSetParams, { node_name: node, offline: true, auto_promote: !!opts.autoPromote }, opts));
    }
    ops.push(buildOp(ctx, OpOobCommand, { node_names: nodes, command: oobCommand, ignore_status: !!opts.ignoreStatus, ...timings }, opts));
    const results = await waitJob(ctx, await submitJob(ctx, ops));
    const { rows, errors } = oobRows(parseOobResult(results[results.length - 1]), (r) => {
      if (oobCommand !== 'power-status') return [[r.node, 'invoked']];
      return [[r.node, (r.payload as { powered?: boolean } | null)?.powered ? 'powered' : 'unpowered']];
    });
    for (const line of oobTable(rows, opts.headers !== false, opts.separator ?? null)) ctx.out(line);
    return errors ? 1 : 0;
  },
};
