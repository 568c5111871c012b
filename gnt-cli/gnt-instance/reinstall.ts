// gnt-instance reinstall: OP_INSTANCE_REINSTALL per selected (stopped) instance, as Ganeti's
// ReinstallInstance: optionally pick the OS from a menu (--select-os), confirm (one instance:
// -f skips; several: --force-multiple skips), then one job per instance.
import { OpInstanceReinstall } from '../../daemons/common/opcodes/instance.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { askYesNo, confirmOperation } from '../framework/confirm.js';
import type { Choice } from '../framework/io.js';
import { JobExecutor } from '../../daemons/common/client/job-executor.js';
import { parseDictOption } from '../../daemons/common/client/params.js';
import { ARGS_ANY, type VerbContext, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, type GenericOpts } from '../../daemons/common/client/submit.js';
import { osNames } from '../../daemons/common/client/os-names.js';
import { queryOses } from '../gnt-os/os-common.js';
import { addSelectOptions, expandInstances, selectMode, type SelectOpts } from './select.js';

interface ReinstallOpts extends SelectOpts, GenericOpts {
  force?: boolean;
  osType?: string;
  forceVariant?: boolean;
  selectOs?: boolean;
  osParameters?: string;
  osParametersPrivate?: string;
  osParametersSecret?: string;
}

/** The --select-os menu: every valid, visible os+variant; null when the user aborts. */
async function selectOs(ctx: VerbContext): Promise<string | null | false> {
  const rows = await queryOses(ctx, ['name', 'valid', 'hidden', 'blacklisted', 'variants']);
  const names = rows.filter((r) => r.valid && !r.hidden && !r.blacklisted).flatMap((r) => osNames(String(r.name), r.variants));
  if (!names.length) {
    ctx.out("Can't get the OS list");
    return false;
  }
  ctx.out('Available OS templates:');
  const choices: Choice<string | null>[] = names.map((n, i) => {
    ctx.out(`${String(i).padStart(3)}: ${n}`);
    return { key: String(i), value: n, help: n };
  });
  choices.push({ key: 'x', value: null, help: 'Exit gnt-instance reinstall' });
  return ctx.io.askUser('Enter OS template number (or x to abort):', choices);
}

export const verb: VerbDef<ReinstallOpts> = {
  args: ARGS_ANY,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('-o, --os-type <os>', 'What OS to run');
    cmd.option('--force-variant', 'Force an unknown variant');
    addSelectOptions(cmd);
    cmd.option('--select-os', 'Interactive OS reinstall, lists available OS templates for selection');
    cmd.option('-O, --os-parameters <params>', 'OS parameters');
    cmd.option('--os-parameters-private <params>', "Private OS parameters (won't be logged)");
    cmd.option('--os-parameters-secret <params>', "Secret OS parameters (won't be logged or saved)");
    addJobOptions(cmd);
  },
  async run(ctx, opts, args) {
    const mode = selectMode(opts);
    const params = {
      osparams: parseDictOption('-O', opts.osParameters),
      osparams_private: parseDictOption('--os-parameters-private', opts.osParametersPrivate),
      osparams_secret: parseDictOption('--os-parameters-secret', opts.osParametersSecret),
      force_variant: !!opts.forceVariant,
    };
    const build = (name: string, os: string | undefined) =>
      buildOp(ctx, OpInstanceReinstall, { instance_name: name, os_type: os, ...params }, opts);
    // Bad options are refused before the master is asked anything.
    if (args[0] !== undefined) build(args[0], opts.osType);
    const names = await expandInstances(ctx, mode, args);
    if (!names.length) throw new OpPrereqError('Selection filter does not match any instances', { ecode: 'wrong_input' });
    let osName = opts.osType;
    if (opts.selectOs) {
      const picked = await selectOs(ctx);
      if (picked === false) return 1;
      if (picked === null) {
        ctx.err('User aborted reinstall, exiting');
        return 1;
      }
      osName = picked;
    }
    const osMsg = osName !== undefined ? `change the OS to '${osName}'` : 'keep the same OS';
    const multi = mode !== 'instances' || names.length > 1;
    if (multi) {
      const extra = `Note: this will remove *all* data for the below instances! It will ${osMsg}.\n`;
      if (!opts.forceMultiple && !(await confirmOperation(ctx.io, names, 'instances', 'reinstall', extra))) return 1;
    } else if (!opts.force && !opts.forceMultiple) {
      const ok = await askYesNo(ctx.io, `This will reinstall the instance '${names[0]}' (and ${osMsg}) which removes all data. Continue?`);
      if (!ok) return 1;
    }
    const jex = new JobExecutor(ctx, multi);
    for (const name of names) jex.queueJob(name, build(name, osName));
    const results = await jex.waitOrShow(!opts.submit);
    return results.every((r) => r.success) ? 0 : 1;
  },
};
