// /2/nodes and /2/nodes/NAME/… (rlib2.R_2_nodes*). Node migration and evacuation submit
// OP_NODE_MIGRATE / OP_NODE_EVACUATE, whose result names the jobs the master made.
import { OpNodeEvacuate, OpNodeMigrate, OpNodeQueryStorage, OpNodeSetParams } from '../../common/opcodes/node.js';
import { badRequest } from '../http-error.js';
import { fillOpcode, intArg, strArg, useBulk, useForce, type RapiRequest } from '../request.js';
import { oneItem, uriList, type Methods } from './common.js';

const COMMON_FIELDS = ['ctime', 'mtime', 'uuid', 'serial_no', 'tags'];
/** rlib2.N_FIELDS. */
export const N_FIELDS = ['name', 'offline', 'master_candidate', 'drained', 'dtotal', 'dfree', 'sptotal', 'spfree',
  'mtotal', 'mnode', 'mfree', 'hv_state', 'pinst_cnt', 'sinst_cnt', 'ctotal', 'cnos', 'cnodes', 'csockets',
  'pip', 'sip', 'role', 'pinst_list', 'sinst_list', 'master_capable', 'vm_capable', 'ndparams', 'group.uuid',
  ...COMMON_FIELDS];

/** Query role letters -> RAPI role names (rlib2._NR_MAP). */
const ROLE_NAMES: Record<string, string> = { M: 'master', C: 'master-candidate', D: 'drained', O: 'offline', R: 'regular' };

const node0 = (r: RapiRequest) => r.items[0]!;

export const nodes: Methods = {
  GET: {
    access: 'public',
    async run(r) {
      if (useBulk(r)) return r.link.objects('node', N_FIELDS);
      const rows = await r.link.rows('node', ['name']);
      return uriList(rows.map((x) => String(x.name)), (id) => `/2/nodes/${id}`);
    },
  },
};

export const node: Methods = {
  GET: { access: 'public', run: (r) => oneItem(r, 'node', N_FIELDS, node0(r)) },
};

export const nodeRole: Methods = {
  GET: {
    access: 'public',
    async run(r) {
      const role = (await oneItem(r, 'node', ['role'], node0(r))).role;
      return ROLE_NAMES[String(role)] ?? role;
    },
  },
  PUT: {
    access: 'write',
    run(r) {
      if (typeof r.body !== 'string') {
        const t = r.body === undefined || r.body === null ? 'NoneType' : Array.isArray(r.body) ? 'list' : typeof r.body === 'object' ? 'dict' : typeof r.body;
        throw badRequest(`Body contents: Type is '${t}', but 'str' is expected`);
      }
      let flags: Record<string, boolean | undefined>;
      switch (r.body) {
        case 'regular': flags = { master_candidate: false, offline: false, drained: false }; break;
        case 'master-candidate': flags = { master_candidate: true }; break;
        case 'drained': flags = { drained: true }; break;
        case 'offline': flags = { offline: true }; break;
        default: throw badRequest(`Can't set '${r.body}' role`);
      }
      return r.link.submit([fillOpcode(r, OpNodeSetParams, null, {
        node_name: node0(r), ...flags, force: useForce(r), auto_promote: intArg(r, 'auto-promote') !== 0,
      })]);
    },
  },
};

/** rlib2.R_2_nodes_name_migrate (node-migrate-reqv1: the body carries mode, target_node, iallocator). */
export const nodeMigrate: Methods = {
  POST: { access: 'write', run: (r) => r.link.submit([fillOpcode(r, OpNodeMigrate, r.body, { node_name: node0(r) })]) },
};

/** rlib2.R_2_nodes_name_evacuate (node-evac-res1: iallocator, remote_node, mode, early_release). */
export const nodeEvacuate: Methods = {
  POST: { access: 'write', run: (r) => r.link.submit([fillOpcode(r, OpNodeEvacuate, r.body, { node_name: node0(r) })]) },
};

export const nodeModify: Methods = {
  POST: { access: 'write', run: (r) => r.link.submit([fillOpcode(r, OpNodeSetParams, r.body, { node_name: node0(r) })]) },
};

export const nodeStorage: Methods = {
  GET: {
    // LUNodeQueryStorage takes locks: write access, as in Ganeti.
    access: 'write',
    run(r) {
      const outputFields = strArg(r, 'output_fields');
      if (!outputFields) throw badRequest("Missing the required 'output_fields' parameter");
      return r.link.submit([fillOpcode(r, OpNodeQueryStorage, null, {
        nodes: [node0(r)], storage_type: strArg(r, 'storage_type') ?? undefined, output_fields: outputFields.split(','),
      })]);
    },
  },
};

