// /2/groups and /2/groups/NAME/… (rlib2.R_2_groups*): reads through the group query, writes
// build the same opcodes as gnt-group (add, remove, modify, rename, assign-nodes).
import { OpGroupAdd, OpGroupAssignNodes, OpGroupRemove, OpGroupRename, OpGroupSetParams } from '../../common/opcodes/group.js';
import { dryRun, fillOpcode, useBulk, useForce, type RapiRequest } from '../request.js';
import { oneItem, uriList, type Methods } from './common.js';

const COMMON_FIELDS = ['ctime', 'mtime', 'uuid', 'serial_no', 'tags'];
/** rlib2.G_FIELDS. */
export const G_FIELDS = ['alloc_policy', 'name', 'node_cnt', 'node_list', 'ipolicy', 'custom_ipolicy', 'diskparams',
  'custom_diskparams', 'ndparams', 'custom_ndparams', ...COMMON_FIELDS];

const group0 = (r: RapiRequest) => r.items[0]!;

export const groups: Methods = {
  GET: {
    access: 'public',
    async run(r) {
      if (useBulk(r)) return r.link.objects('group', G_FIELDS);
      const rows = await r.link.rows('group', ['name']);
      return uriList(rows.map((x) => String(x.name)), (id) => `/2/groups/${id}`, 'name');
    },
  },
  POST: {
    access: 'write',
    run: (r) => r.link.submit([fillOpcode(r, OpGroupAdd, r.body, { dry_run: dryRun(r) }, { name: 'group_name' })]),
  },
};

export const group: Methods = {
  GET: { access: 'public', run: (r: RapiRequest) => oneItem(r, 'group', G_FIELDS, group0(r)) },
  DELETE: {
    access: 'write',
    run: (r) => r.link.submit([fillOpcode(r, OpGroupRemove, null, { group_name: group0(r), dry_run: dryRun(r) })]),
  },
};

export const groupModify: Methods = {
  PUT: {
    access: 'write',
    run: (r) => r.link.submit([fillOpcode(r, OpGroupSetParams, r.body, { group_name: group0(r) },
      { custom_ndparams: 'ndparams', custom_ipolicy: 'ipolicy', custom_diskparams: 'diskparams' })]),
  },
};

export const groupRename: Methods = {
  PUT: { access: 'write', run: (r) => r.link.submit([fillOpcode(r, OpGroupRename, r.body, { group_name: group0(r), dry_run: dryRun(r) })]) },
};

export const groupAssignNodes: Methods = {
  PUT: {
    access: 'write',
    run: (r) => r.link.submit([fillOpcode(r, OpGroupAssignNodes, r.body, { group_name: group0(r), dry_run: dryRun(r), force: useForce(r) })]),
  },
};
