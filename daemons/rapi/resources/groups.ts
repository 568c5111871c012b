// /2/groups and /2/groups/NAME (rlib2.R_2_groups*): reads through the group query. The
// group opcodes (add, remove, modify, rename, assign-nodes) are not in this build yet, so
// those methods are absent from the table and answer 501, as Ganeti does for any method a
// resource lacks.
import { useBulk, type RapiRequest } from '../request.js';
import { oneItem, uriList, type Methods } from './common.js';

const COMMON_FIELDS = ['ctime', 'mtime', 'uuid', 'serial_no', 'tags'];
/** rlib2.G_FIELDS. */
export const G_FIELDS = ['alloc_policy', 'name', 'node_cnt', 'node_list', 'ipolicy', 'custom_ipolicy', 'diskparams',
  'custom_diskparams', 'ndparams', 'custom_ndparams', ...COMMON_FIELDS];

export const groups: Methods = {
  GET: {
    access: 'public',
    async run(r) {
      if (useBulk(r)) return r.link.rows('group', G_FIELDS);
      const rows = await r.link.rows('group', ['name']);
      return uriList(rows.map((x) => String(x.name)), (id) => `/2/groups/${id}`, 'name');
    },
  },
};

export const group: Methods = {
  GET: { access: 'public', run: (r: RapiRequest) => oneItem(r, 'group', G_FIELDS, r.items[0]!) },
};

export const groupTags: Methods = {
  GET: { access: 'public', run: async (r: RapiRequest) => (await oneItem(r, 'group', ['tags'], r.items[0]!)).tags ?? [] },
};
