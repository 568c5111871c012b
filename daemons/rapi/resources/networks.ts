// /2/networks and /2/networks/NAME/… (rlib2.R_2_networks*): reads through the network query,
// writes build the same opcodes as gnt-network (add, remove, modify, connect, disconnect).
import { OpNetworkAdd, OpNetworkConnect, OpNetworkDisconnect, OpNetworkRemove, OpNetworkSetParams } from '../../common/opcodes/network.js';
import { dryRun, fillOpcode, useBulk, type RapiRequest } from '../request.js';
import { oneItem, uriList, type Methods } from './common.js';

const COMMON_FIELDS = ['ctime', 'mtime', 'uuid', 'serial_no', 'tags'];
/** rlib2.NET_FIELDS. */
export const NET_FIELDS = ['name', 'network', 'gateway', 'network6', 'gateway6', 'mac_prefix', 'free_count', 'reserved_count',
  'map', 'group_list', 'inst_list', 'external_reservations', ...COMMON_FIELDS];

const net0 = (r: RapiRequest) => r.items[0]!;

export const networks: Methods = {
  GET: {
    access: 'public',
    async run(r) {
      if (useBulk(r)) return r.link.objects('network', NET_FIELDS);
      const rows = await r.link.rows('network', ['name']);
      return uriList(rows.map((x) => String(x.name)), (id) => `/2/networks/${id}`, 'name');
    },
  },
  POST: {
    access: 'write',
    run: (r) => r.link.submit([fillOpcode(r, OpNetworkAdd, r.body, { dry_run: dryRun(r) }, { name: 'network_name' })]),
  },
};

export const network: Methods = {
  GET: { access: 'public', run: (r: RapiRequest) => oneItem(r, 'network', NET_FIELDS, net0(r)) },
  DELETE: {
    access: 'write',
    run: (r) => r.link.submit([fillOpcode(r, OpNetworkRemove, r.body, { network_name: net0(r), dry_run: dryRun(r) })]),
  },
};

export const networkModify: Methods = {
  PUT: { access: 'write', run: (r) => r.link.submit([fillOpcode(r, OpNetworkSetParams, r.body, { network_name: net0(r) })]) },
};

export const networkConnect: Methods = {
  PUT: { access: 'write', run: (r) => r.link.submit([fillOpcode(r, OpNetworkConnect, r.body, { network_name: net0(r), dry_run: dryRun(r) })]) },
};

export const networkDisconnect: Methods = {
  PUT: { access: 'write', run: (r) => r.link.submit([fillOpcode(r, OpNetworkDisconnect, r.body, { network_name: net0(r), dry_run: dryRun(r) })]) },
};
