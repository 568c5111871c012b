// gnt-debug iallocator NAME: OP_TEST_ALLOCATOR — shows the iallocator input document the master
// builds for a request (--dir in) or runs the allocator on it and shows its answer (--dir out).
import { OpTestAllocator } from '../../daemons/common/opcodes/test.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { parseUnit } from '../../daemons/common/units.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';

interface Opts extends GenericOpts {
  algorithm?: string; dir?: string; mode?: string; mem?: string; disks?: string; diskTemplate?: string; nics?: string;
  osType?: string; vcpus?: string; tags?: string; evacMode?: string; targetGroups?: string; spindleUse?: string; count?: string; group?: string;
}

const bad = (m: string) => new OpPrereqError(m, { ecode: 'wrong_input' });
const list = (s: string | undefined) => (s ? s.split(',').filter(Boolean) : []);

export const verb: VerbDef<Opts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-A, --algorithm <name>', 'The iallocator to run (with --dir out); default hail');
    cmd.option('--dir <dir>', 'Show the allocator input (in) or run it and show its output (out)', 'in');
    cmd.option('-m, --mode <mode>', 'Request type: allocate, multi-allocate, relocate, node-evacuate, change-group', 'allocate');
    cmd.option('--mem <size>', 'Memory of the instance', '128');
    cmd.option('--disks <sizes>', 'Comma-separated disk sizes', '4096,4096');
    cmd.option('-t, --disk-template <template>', 'Disk template', 'drbd');
    cmd.option('--nics <macs>', 'Comma-separated NIC MAC addresses', '00:11:22:33:44:55');
    cmd.option('-o, --os-type <os>', 'Operating system', '');
    cmd.option('-p, --vcpus <n>', 'Number of virtual CPUs', '1');
    cmd.option('--tags <tags>', 'Comma-separated tags', '');
    cmd.option('--evac-mode <mode>', 'Node evacuation mode: primary-only, secondary-only, all', 'all');
    cmd.option('--target-groups <groups>', 'Comma-separated target groups (change-group)', '');
    cmd.option('--spindle-use <n>', 'Spindles the instance uses', '1');
    cmd.option('--count <n>', 'Number of instances (multi-allocate)', '1');
    cmd.option('-g, --group <group>', 'Restrict the allocation to this node group');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    const dir = opts.dir ?? 'in';
    if (dir !== 'in' && dir !== 'out') throw bad(`Invalid --dir '${dir}' (allowed: in, out)`);
    const modes = ['allocate', 'multi-allocate', 'relocate', 'node-evacuate', 'change-group'] as const;
    const mode = opts.mode ?? 'allocate';
    if (!(modes as readonly string[]).includes(mode)) throw bad(`Invalid --mode '${mode}' (allowed: ${modes.join(', ')})`);
    const evac = opts.evacMode ?? 'all';
    if (!['primary-only', 'secondary-only', 'all'].includes(evac)) throw bad(`Invalid --evac-mode '${evac}' (allowed: primary-only, secondary-only, all)`);
    const names = list(name);
    const op = buildOp(ctx, OpTestAllocator, {
      direction: dir, mode: mode as (typeof modes)[number], name: name!, iallocator: opts.algorithm,
      memory: parseUnit(opts.mem ?? '128'), vcpus: parseIntOption('--vcpus', opts.vcpus ?? '1', 0),
      disks: list(opts.disks).map((d) => ({ size: parseUnit(d), mode: 'rw' })), disk_template: opts.diskTemplate ?? 'drbd',
      nics: list(opts.nics).map((mac) => ({ mac, ip: null, bridge: null })), os: opts.osType ?? '', tags: list(opts.tags),
      instances: mode === 'node-evacuate' || mode === 'change-group' ? names : [], evac_mode: evac as 'all',
      target_groups: list(opts.targetGroups), spindle_use: parseIntOption('--spindle-use', opts.spindleUse ?? '1', 0),
      count: parseIntOption('--count', opts.count ?? '1', 1), group_name: opts.group,
    }, opts);
    const r = await submitOrSend(ctx, op, opts);
    if (!r.submitted) ctx.out(String(r.result));
    return 0;
  },
};
