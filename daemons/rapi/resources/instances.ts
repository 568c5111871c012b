// /2/instances and /2/instances/NAME/… (rlib2.R_2_instances*): reads go through the query
// path, writes build the same typed opcodes as gnt-instance and return the job id.
import {
  OpInstanceActivateDisks, OpInstanceCreate, OpInstanceDeactivateDisks, OpInstanceFailover,
  OpInstanceGrowDisk, OpInstanceMigrate, OpInstanceMultiAlloc, OpInstanceQueryData, OpInstanceReboot, OpInstanceRecreateDisks,
  OpInstanceReinstall, OpInstanceRemove, OpInstanceRename, OpInstanceSetParams, OpInstanceShutdown, OpInstanceStartup,
} from '../../common/opcodes/instance.js';
import { badRequest, HttpError } from '../http-error.js';
import { bodyDict, bodyParam, boolArg, dryRun, fillOpcode, intArg, strArg, useBulk, useForce, type RapiRequest } from '../request.js';
import { checkOwnedInstance, oneItem, ownerFilter, uriList, type Handler, type Methods } from './common.js';

const COMMON_FIELDS = ['ctime', 'mtime', 'uuid', 'serial_no', 'tags'];
/** rlib2.I_FIELDS, plus our `owner`. */
export const I_FIELDS = ['name', 'admin_state', 'os', 'pnode', 'snodes', 'disk_template',
  'nic.ips', 'nic.macs', 'nic.modes', 'nic.uuids', 'nic.names', 'nic.links', 'nic.networks', 'nic.networks.names', 'nic.bridges',
  'network_port', 'disk.sizes', 'disk.spindles', 'disk_usage', 'disk.uuids', 'disk.names',
  'beparams', 'hvparams', 'oper_state', 'oper_ram', 'oper_vcpus', 'status',
  'custom_hvparams', 'custom_beparams', 'custom_nicparams', ...COMMON_FIELDS, 'owner'];

const name0 = (r: RapiRequest) => r.items[0]!;

/** A write on one instance: owner accounts may use it on their own instances. */
function ownedOp(build: (r: RapiRequest) => unknown, ownerMay = true): Handler {
  return {
    access: 'write',
    ...(ownerMay ? { owner: 'instance' as const } : {}),
    async run(r) {
      await checkOwnedInstance(r, name0(r));
      const ops = build(r);
      return r.link.submit((Array.isArray(ops) ? ops : [ops]) as never);
    },
  };
}

export const instances: Methods = {
  GET: {
    access: 'public', owner: 'mine',
    async run(r) {
      if (useBulk(r)) return r.link.objects('instance', I_FIELDS, [], ownerFilter(r));
      const rows = await r.link.rows('instance', ['name'], [], ownerFilter(r));
      return uriList(rows.map((x) => String(x.name)), (id) => `/2/instances/${id}`);
    },
  },
  POST: {
    access: 'write',
    async run(r) {
      const body = bodyDict(r);
      const version = body.__version__ ?? 0;
      if (version === 0) throw badRequest('Instance creation request version 0 is no longer supported');
      if (version !== 1) throw badRequest(`Unsupported request data version ${JSON.stringify(version)}`);
      const { __version__: _v, ...data } = body;
      return r.link.submit([fillOpcode(r, OpInstanceCreate, data, { dry_run: dryRun(r) }, { os: 'os_type', name: 'instance_name' })]);
    },
  },
};

/**
 * rlib2.R_2_instances_multi_alloc: one OP_INSTANCE_MULTI_ALLOC job whose creation requests
 * were checked here (a bad one is a 400 naming it); the master places them all in one
 * allocator request and creates each placed one in a job of its own (the job's result lists
 * them, with `allocatable` and `failed`), as Ganeti does.
 */
export const instancesMultiAlloc: Methods = {
  POST: {
    access: 'write',
    run(r) {
      const body = bodyDict(r);
      if (!('instances' in body)) throw badRequest("Request is missing required 'instances' field in body");
      const { instances: list, iallocator, opportunistic_locking: opportunistic, reason: _reason, ...extra } = body;
      const unknown = Object.keys(extra).filter((k) => k !== 'dry_run');
      if (unknown.length) throw badRequest(`Invalid body parameters: OP_INSTANCE_MULTI_ALLOC has no parameter '${unknown[0]}' (allowed: instances, iallocator, opportunistic_locking)`);
      if (opportunistic === true) throw badRequest("'opportunistic_locking' is not supported: the instances are allocated in order, each waiting for its locks");
      if (!Array.isArray(list) || !list.length) throw badRequest("'instances' must be a non-empty list of instance creation requests");
      if (iallocator !== undefined && iallocator !== null && typeof iallocator !== 'string') throw badRequest("'iallocator' must be a string");
      const dicts = list.map((inst, i) => {
        if (!inst || typeof inst !== 'object' || Array.isArray(inst)) throw badRequest(`instances[${i}]: not a dictionary`);
        if ('iallocator' in inst && (inst as Record<string, unknown>).iallocator != null) {
          throw badRequest(`instances[${i}]: the iallocator is given for all instances, not per instance`);
        }
        return inst as Record<string, unknown>;
      });
      const withNode = dicts.filter((d) => d.pnode != null).length;
      if (withNode && withNode !== dicts.length) throw badRequest('There are instance objects providing pnode/snode while others do not');
      if (withNode && iallocator) throw badRequest('Give either an iallocator or nodes for every instance, not both');
      const creates = dicts.map((d) => {
        const { iallocator: _none, ...inst } = d;
        return fillOpcode(r, OpInstanceCreate, inst, { dry_run: dryRun(r) }, { os: 'os_type', name: 'instance_name' });
      });
      return r.link.submit([fillOpcode(r, OpInstanceMultiAlloc, null, {
        instances: creates, dry_run: dryRun(r), ...(typeof iallocator === 'string' ? { iallocator } : {}),
      })]);
    },
  },
};

export const instance: Methods = {
  GET: {
    access: 'public', owner: 'instance',
    async run(r) {
      await checkOwnedInstance(r, name0(r));
      return oneItem(r, 'instance', I_FIELDS, name0(r));
    },
  },
  DELETE: ownedOp((r) => fillOpcode(r, OpInstanceRemove, null, { instance_name: name0(r), ignore_failures: false, dry_run: dryRun(r) }), false),
};

export const instanceInfo: Methods = {
  GET: {
    access: 'public', owner: 'instance',
    async run(r) {
      await checkOwnedInstance(r, name0(r));
      return r.link.submit([fillOpcode(r, OpInstanceQueryData, null, { instances: [name0(r)], static: boolArg(r, 'static') })]);
    },
  },
};

export const instanceReboot: Methods = {
  POST: ownedOp((r) => fillOpcode(r, OpInstanceReboot, null, {
    instance_name: name0(r), reboot_type: strArg(r, 'type', 'hard'), ignore_secondaries: boolArg(r, 'ignore_secondaries'), dry_run: dryRun(r),
  })),
};

export const instanceStartup: Methods = {
  PUT: ownedOp((r) => fillOpcode(r, OpInstanceStartup, null, {
    instance_name: name0(r), force: useForce(r), dry_run: dryRun(r), no_remember: boolArg(r, 'no_remember'),
  })),
};

export const instanceShutdown: Methods = {
  PUT: ownedOp((r) => fillOpcode(r, OpInstanceShutdown, r.body, {
    instance_name: name0(r), no_remember: boolArg(r, 'no_remember'), dry_run: dryRun(r),
  })),
};

/** _ParseInstanceReinstallRequest: shutdown, reinstall, and startup unless start is false. */
function reinstallOps(r: RapiRequest): unknown[] {
  let body: Record<string, unknown>;
  if (r.body !== undefined && r.body !== null && !(typeof r.body === 'object' && !Array.isArray(r.body) && !Object.keys(r.body).length)) {
    if ([...r.query.keys()].some((k) => k !== 'reason')) throw badRequest("Can't combine query and body parameters");
    body = bodyDict(r, 'Invalid body contents, not a dictionary');
  } else if (r.query.has('os') || r.query.has('nostartup')) {
    body = { os: strArg(r, 'os'), start: !intArg(r, 'nostartup') };
  } else {
    body = {};
  }
  const name = name0(r);
  const start = bodyParam<unknown>(body, 'start', true);
  if (typeof start !== 'boolean') throw badRequest(`'start' parameter: Type is '${typeof start}', but 'bool' is expected`);
  const ops = [
    fillOpcode(r, OpInstanceShutdown, null, { instance_name: name }),
    fillOpcode(r, OpInstanceReinstall, null, {
      instance_name: name, os_type: bodyParam<string | null>(body, 'os', null) ?? undefined,
      osparams: bodyParam<Record<string, string> | null>(body, 'osparams', null) ?? undefined,
    }),
  ];
  if (start) ops.push(fillOpcode(r, OpInstanceStartup, null, { instance_name: name, force: false }));
  return ops;
}

export const instanceReinstall: Methods = { POST: ownedOp(reinstallOps, false) };

const bodyOp = (def: Parameters<typeof fillOpcode>[1], extra: (r: RapiRequest) => Record<string, unknown> = () => ({})) =>
  ownedOp((r) => fillOpcode(r, def, r.body, { instance_name: name0(r), ...extra(r) }), false);

export const instanceRename: Methods = { PUT: bodyOp(OpInstanceRename) };
export const instanceModify: Methods = { PUT: bodyOp(OpInstanceSetParams) };
export const instanceMigrate: Methods = { PUT: bodyOp(OpInstanceMigrate) };
export const instanceFailover: Methods = { PUT: bodyOp(OpInstanceFailover) };
export const instanceRecreateDisks: Methods = { POST: bodyOp(OpInstanceRecreateDisks) };
export const instanceActivateDisks: Methods = {
  PUT: ownedOp((r) => fillOpcode(r, OpInstanceActivateDisks, null, { instance_name: name0(r), ignore_size: boolArg(r, 'ignore_size') }), false),
};
export const instanceDeactivateDisks: Methods = {
  PUT: ownedOp((r) => fillOpcode(r, OpInstanceDeactivateDisks, null, { instance_name: name0(r) }), false),
};
export const instanceDiskGrow: Methods = {
  POST: ownedOp((r) => {
    if (!/^\d+$/.test(r.items[1]!)) throw badRequest(`Invalid disk index '${r.items[1]}'`);
    return fillOpcode(r, OpInstanceGrowDisk, r.body, { instance_name: name0(r), disk: Number(r.items[1]) });
  }, false),
};

export const instanceConsole: Methods = {
  GET: {
    access: 'write', owner: 'instance',
    async run(r) {
      await checkOwnedInstance(r, name0(r));
      const c = await r.link.consoleOf(name0(r));
      if (!c) throw new HttpError(503, 'Instance console unavailable');
      return c;
    },
  },
};
