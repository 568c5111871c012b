// gnt-instance info (alias show): OP_INSTANCE_QUERY_DATA, then Ganeti's ShowInstanceConfig
// layout per instance: state, nodes, OS, hypervisor and backend parameters with
// "default (X)" for inherited values, NICs, disks.
import { OpInstanceQueryData } from '../../daemons/common/opcodes/instance.js';
import { formatGenericInfo, formatParamsDictInfo, ordered, type InfoEntry, type InfoValue } from '../framework/info-printer.js';
import { commaJoin, formatTime, pyStr } from '../../daemons/common/client/py-format.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { addPriorityOption } from '../framework/job-options.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { formatUnit } from '../../daemons/common/units.js';
import { refuseOption } from '../framework/refuse.js';

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function nodesInfo(inst: Dict): InfoValue {
  const snodes = list(inst.snodes);
  const groups = list(inst.snodes_group_names);
  const uuids = list(inst.snodes_group_uuids);
  const secs = commaJoin(snodes.map((n, i) => `${pyStr(n)} (group ${pyStr(groups[i])}, group UUID ${pyStr(uuids[i])})`));
  return [
    ordered([['primary', inst.pnode], ['group', `${pyStr(inst.pnode_group_name)} (UUID ${pyStr(inst.pnode_group_uuid)})`]]),
    ordered([['secondaries', secs]]),
  ];
}

function nicInfo(idx: number, nic: unknown): InfoValue {
  // Ganeti's query data gives NICs as tuples; ganeti-ts as dicts. Both are accepted.
  const n: Dict = Array.isArray(nic)
    ? { name: nic[0], uuid: nic[1], ip: nic[2], mac: nic[3], mode: nic[4], link: nic[5], vlan: nic[6], network: dict(nic[8]).name ?? null }
    : dict(nic);
  return ordered([
    [`nic/${idx}`, ''], ['MAC', pyStr(n.mac)], ['IP', pyStr(n.ip)], ['mode', pyStr(n.mode)], ['link', pyStr(n.link)],
    ['vlan', pyStr(n.vlan)], ['network', pyStr(n.network_name ?? n.network)], ['UUID', pyStr(n.uuid)], ['name', pyStr(n.name)],
  ]);
}

function diskDetails(d: Dict): string[] {
  const lid = d.logical_id;
  if (d.dev_type === 'plain' && Array.isArray(lid) && lid.length === 2) return [`${pyStr(lid[0])}/${pyStr(lid[1])}`];
  return [pyStr(lid)];
}

/** One disk (and its children) as Ganeti's _FormatBlockDevInfo. */
export function diskInfo(idx: number, topLevel: boolean, d: Dict): InfoValue {
  const title = topLevel ? (d.iv_name !== null && d.iv_name !== undefined ? pyStr(d.iv_name) : `disk ${idx}`) : `child ${idx}`;
  const size = typeof d.size === 'number' ? formatUnit(d.size, 'h') : pyStr(d.size);
  const data: InfoEntry[] = [[title, `${pyStr(d.dev_type)}, size ${size}`]];
  if (topLevel) {
    if (d.spindles !== null && d.spindles !== undefined) data.push(['spindles', d.spindles]);
    data.push(['access mode', d.mode]);
  }
  if (d.logical_id !== null && d.logical_id !== undefined) data.push(['logical_id', diskDetails(d)[0]]);
  // ganeti-ts reports the device path of an active disk; Ganeti a status tuple.
  const path = d.path ?? (Array.isArray(d.pstatus) ? d.pstatus[0] : null);
  if (path) data.push(['on primary', `${pyStr(path)} (N/A:N/A)`]);
  data.push(['name', d.name ?? null], ['UUID', d.uuid ?? null]);
  if (topLevel && d.persistent === false) data.push(['persistent', 'no']);   // writes discarded at every stop (issue 13)
  const children = list(d.children);
  if (children.length) data.push(['child devices', children.map((c, i) => diskInfo(i, false, dict(c)))]);
  return ordered(data);
}

/** The info tree of one instance (a value of the OP_INSTANCE_QUERY_DATA result). */
export function instanceInfoTree(inst: Dict): InfoValue {
  let state = `configured to be ${pyStr(inst.config_state)}`;
  if (inst.run_state) state += `, actual state is ${pyStr(inst.run_state)}`;
  const info: InfoEntry[] = [
    ['Instance name', inst.name], ['UUID', inst.uuid], ['Serial number', pyStr(inst.serial_no)],
    ['Creation time', formatTime(inst.ctime)], ['Modification time', formatTime(inst.mtime)],
    ['State', state], ['Nodes', nodesInfo(inst)], ['Operating system', inst.os],
    ['Operating system parameters', formatParamsDictInfo(dict(inst.os_instance ?? inst.osparams),
      dict(inst.os_actual ?? inst.osparams))],
  ];
  if (inst.owner) info.push(['Owner', inst.owner]);
  if ('network_port' in inst) info.push(['Allocated network port', pyStr(inst.network_port)]);
  info.push(['Hypervisor', inst.hypervisor]);
  const hvActual = dict(inst.hv_actual);
  const vnc = hvActual.vnc_bind_address;
  if (vnc) {
    const port = Number(inst.network_port);
    const display = port - 5900;
    const where = display > 0 && vnc === '0.0.0.0' ? `${pyStr(inst.pnode)}:${port} (display ${display})`
      : display > 0 && /^\d+\.\d+\.\d+\.\d+$/.test(String(vnc)) ? `${pyStr(vnc)}:${port} (node ${pyStr(inst.pnode)}) (display ${display})`
        : `${pyStr(inst.pnode)}:${pyStr(vnc)}`;
    info.push(['console connection', `vnc to ${where}`]);
  }
  const beActual = { ...dict(inst.be_actual) };
  if ('maxmem' in beActual) beActual.memory = beActual.maxmem;
  info.push(
    ['Hypervisor parameters', formatParamsDictInfo(dict(inst.hv_instance), hvActual)],
    ['Back-end parameters', formatParamsDictInfo(dict(inst.be_instance), beActual)],
    ['NICs', list(inst.nics).map((n, i) => nicInfo(i, n))],
    ['Disk template', inst.disk_template],
    ['Disks', list(inst.disks).map((d, i) => diskInfo(i, true, dict(d)))],
  );
  return ordered(info);
}

interface InfoOpts extends GenericOpts {
  static?: boolean;
  all?: boolean;
  roman?: boolean;
}

export const verb: VerbDef<InfoOpts> = {
  args: ARGS_ANY,
  options(cmd) {
    cmd.option('-s, --static', 'Only show configuration data, not runtime data');
    cmd.option('--all', 'Show info on all instances on the cluster. This can take a long time to run, use wisely');
    cmd.option('--roman', 'Use roman numbers for positive integers (not supported)');
    addPriorityOption(cmd);
  },
  async run(ctx, opts, args) {
    refuseOption(opts.roman, '--roman', 'numbers are shown in decimal only');
    if (!args.length && !opts.all) {
      ctx.err('No instance selected. Please pass in --all if you want to query all instances.\n' +
        'Note that this can take a long time on a big cluster.');
      return 1;
    }
    if (args.length && opts.all) {
      ctx.err('Cannot use --all if you specify instance names.');
      return 1;
    }
    const op = buildOp(ctx, OpInstanceQueryData, { instances: args, static: !!opts.static, use_locking: !opts.static }, opts);
    const result = dict(await submitOpCode(ctx, op, opts));
    const instances = Object.values(result);
    if (!instances.length) {
      ctx.out('No instances.');
      return 1;
    }
    ctx.out(formatGenericInfo(instances.map((i) => instanceInfoTree(dict(i)))));
    return 0;
  },
};
