// gnt-instance batch-create FILE.json: one OP_INSTANCE_CREATE per instance, all submitted in
// one request, then followed. Accepted files: Ganeti 3's list of OP_INSTANCE_CREATE
// parameter dicts, the same list as {"version": 1, "instances": [...]}, and Ganeti 2's dict
// keyed by instance name ({"inst1": {"template": "drbd", "disk_size": [...], ...}}).
import { OpInstanceCreate } from '../../daemons/common/opcodes/instance.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { JobExecutor } from '../../daemons/common/client/job-executor.js';
import type { OpcodeDict } from '../../daemons/common/client/master-api.js';
import { niceSort } from '../../daemons/common/client/py-format.js';
import { ARGS_ONE, type VerbContext, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, type GenericOpts } from '../../daemons/common/client/submit.js';
import { parseUnit } from '../../daemons/common/units.js';

interface BatchOpts extends GenericOpts {
  iallocator?: string;
}

type Dict = Record<string, unknown>;

function invalid(msg: string): never {
  throw new OpPrereqError(msg, { ecode: 'wrong_input' });
}

const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Ganeti 2's per-instance spec, with its defaults, as OP_INSTANCE_CREATE parameters. */
export function legacySpecToParams(name: string, spec: Dict): Dict {
  const s: Dict = {
    disk_size: [20 * 1024], backend: {}, iallocator: null, primary_node: null, secondary_node: null, nics: null,
    start: true, ip_check: true, name_check: true, hypervisor: null, hvparams: {}, file_storage_dir: null,
    force_variant: false, file_driver: 'loop', ...spec,
  };
  for (const field of ['os', 'template']) if (!(field in spec)) invalid(`Required field "${field}" is missing (instance ${name}).`);
  if (s.primary_node === null && s.iallocator === null) {
    invalid(`You have to provide at least a primary_node or an iallocator (instance ${name}).`);
  }
  if (s.hvparams && !isDict(s.hvparams)) invalid(`Hypervisor parameters must be a dict (instance ${name}).`);
  if (!Array.isArray(s.disk_size)) invalid(`disk_size must be a list of sizes (instance ${name}).`);
  const disks = (s.disk_size as unknown[]).map((elem) => {
    try {
      return { size: parseUnit(elem as string) };
    } catch (err) {
      return invalid(`Invalid disk size '${String(elem)}' for instance ${name}: ${(err as Error).message}`);
    }
  });
  let nics: unknown = null;
  const single: Dict = {};
  for (const field of ['ip', 'mac', 'mode', 'link', 'bridge']) if (field in spec) single[field] = spec[field];
  if (s.nics !== null && Object.keys(single).length) invalid("'nics' list incompatible with using individual nic fields as well");
  if (s.nics !== null) nics = s.nics;
  else nics = Object.keys(single).length ? [single] : [{}];
  return {
    instance_name: name, disks, disk_template: s.template, mode: 'create', os_type: s.os, force_variant: s.force_variant,
    pnode: s.primary_node, snode: s.secondary_node, nics, start: s.start, ip_check: s.ip_check, name_check: s.name_check,
    wait_for_sync: true, iallocator: s.iallocator, hypervisor: s.hypervisor, hvparams: s.hvparams, beparams: s.backend,
    file_storage_dir: s.file_storage_dir, file_driver: s.file_driver,
  };
}

/** The instance definitions of a batch file as OP_INSTANCE_CREATE parameter dicts. */
export function parseBatchFile(text: string): Dict[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new OpPrereqError(`Can't parse the instance definition file: ${(err as Error).message}`, { ecode: 'wrong_input' });
  }
  if (isDict(data) && 'instances' in data && (data.version === 1 || data.version === undefined)) data = data.instances;
  if (Array.isArray(data)) {
    const known = Object.keys(OpInstanceCreate.shape);
    return data.map((inst, idx) => {
      if (!isDict(inst)) invalid(`The instance definition file is not a list of dicts (entry ${idx})`);
      const { OP_ID: _id, ...params } = inst;
      const unknown = Object.keys(params).filter((k) => !known.includes(k));
      if (unknown.length) invalid(`Unknown fields in definition ${idx}: ${unknown.join(', ')}`);
      if (typeof params.instance_name !== 'string') invalid(`Definition ${idx} has no instance_name`);
      return params;
    });
  }
  if (isDict(data)) {
    return niceSort(Object.keys(data)).map((name) => {
      const spec = data as Dict;
      if (!isDict(spec[name])) invalid(`The definition of instance ${name} is not a dict`);
      return legacySpecToParams(name, spec[name] as Dict);
    });
  }
  return invalid('The instance definition file is not a list of instance definitions (or a dict keyed by instance name)');
}

/** Opcodes for every definition; -I is the allocator of those placed neither by node nor allocator. */
export function buildBatchOps(ctx: VerbContext, defs: Dict[], opts: BatchOpts): OpcodeDict[] {
  return defs.map((params) => {
    const p: Dict = { mode: 'create', ...params };
    if (opts.iallocator && !p.pnode && !p.iallocator) p.iallocator = opts.iallocator;
    for (const [k, v] of Object.entries(p)) if (v === null) delete p[k];
    return buildOp(ctx, OpInstanceCreate, p, opts);
  });
}

export const verb: VerbDef<BatchOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-I, --iallocator <name>', 'Select nodes for the instances automatically using the <NAME> iallocator plugin');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [file]) {
    let text: string;
    try {
      text = ctx.io.readFile(file!);
    } catch (err) {
      ctx.err(`Can't parse the instance definition file: ${(err as Error).message}`);
      return 1;
    }
    const ops = buildBatchOps(ctx, parseBatchFile(text), opts);
    const jex = new JobExecutor(ctx);
    for (const op of ops) jex.queueJob(String(op.instance_name), op);
    if (opts.submit) {
      await jex.submitPending();
      const shown = await jex.waitOrShow(false);
      return shown.every((r) => r.success) ? 0 : 1;
    }
    const results = await jex.getResults();
    const bad = results.filter((r) => !r.success).length;
    if (!bad) {
      ctx.out('All instances created successfully.');
      return 0;
    }
    ctx.out(`There were ${bad} errors during the creation.`);
    return 1;
  },
};
