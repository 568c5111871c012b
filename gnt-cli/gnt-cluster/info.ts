// gnt-cluster info (alias show): Ganeti's ShowClusterConfig layout of the master's
// QueryClusterInfo dict, keys in Ganeti's order.
import { formatGenericInfo, formatGroupedParams, ordered, type InfoValue } from '../framework/info-printer.js';
import { formatPolicyInfo } from '../framework/policy-info.js';
import { commaJoin, formatTime, niceSort, pyStr } from '../../daemons/common/client/py-format.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { refuseOption } from '../framework/refuse.js';

/** uidpool.FormatUidPool: ranges as "a-b", single ids as "a", joined by ", ". */
export function formatUidPool(pool: unknown): string {
  if (!Array.isArray(pool)) return pyStr(pool ?? '');
  return pool.map((r) => (Array.isArray(r) ? (r[0] === r[1] ? pyStr(r[0]) : `${pyStr(r[0])}-${pyStr(r[1])}`) : pyStr(r))).join(', ');
}

function dataCollectors(info: Record<string, unknown>): Record<string, InfoValue> {
  const enabled = (info.enabled_data_collectors ?? {}) as Record<string, unknown>;
  const interval = (info.data_collector_interval ?? {}) as Record<string, number>;
  const ret: Record<string, InfoValue> = {};
  for (const key of Object.keys(enabled)) {
    ret[key] = { active: pyStr(enabled[key]), interval: `${((interval[key] ?? 0) / 1e6).toFixed(3)}s` };
  }
  return ret;
}

/** The ordered info tree of one cluster info dict. */
export function clusterInfoTree(r: Record<string, unknown>, osSearchPath: string[] = [], esSearchPath: string[] = []): InfoValue {
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const tags = list(r.tags).length ? commaJoin(niceSort(list(r.tags).map(String))) : '(none)';
  const reservedLvs = list(r.reserved_lvs).length ? commaJoin(list(r.reserved_lvs)) : '(none)';
  const enabledHv = list(r.enabled_hypervisors).map(String);
  const hvparams = Object.fromEntries(Object.entries((r.hvparams ?? {}) as Record<string, unknown>)
    .filter(([hv]) => enabledHv.includes(hv)));
  const arch = list(r.architecture);
  return ordered([
    ['Cluster name', r.name],
    ['Cluster UUID', r.uuid],
    ['Creation time', formatTime(r.ctime)],
    ['Modification time', formatTime(r.mtime)],
    ['Master node', r.master],
    ['Architecture (this node)', `${pyStr(arch[0])} (${pyStr(arch[1])})`],
    ['Tags', tags],
    ['Default hypervisor', r.default_hypervisor],
    ['Enabled hypervisors', commaJoin(enabledHv)],
    ['Hypervisor parameters', formatGroupedParams(hvparams)],
    ['OS-specific hypervisor parameters', formatGroupedParams(r.os_hvp)],
    ['OS parameters', formatGroupedParams(r.osparams)],
    ['Hidden OSes', commaJoin(list(r.hidden_os))],
    ['Blacklisted OSes', commaJoin(list(r.blacklisted_os))],
    ['Cluster parameters', ordered([
      ['candidate pool size', r.candidate_pool_size],
      ['maximal number of jobs running simultaneously', r.max_running_jobs],
      ['maximal number of jobs simultaneously tracked by the scheduler', r.max_tracked_jobs],
      ['mac prefix', r.mac_prefix],
      ['master netdev', r.master_netdev],
      ['master netmask', r.master_netmask],
      ['use external master IP address setup script', r.use_external_mip_script],
      ['lvm volume group', r.volume_group_name],
      ['lvm reserved volumes', reservedLvs],
      ['drbd usermode helper', r.drbd_usermode_helper],
      ['file storage path', r.file_storage_dir],
      ['shared file storage path', r.shared_file_storage_dir],
      ['gluster storage path', r.gluster_storage_dir],
      ['maintenance of node health', r.maintain_node_health],
      ['uid pool', formatUidPool(r.uid_pool)],
      ['default instance allocator', r.default_iallocator],
      ['default instance allocator parameters', r.default_iallocator_params ?? {}],
      ['primary ip version', r.primary_ip_version],
      ['preallocation wipe disks', r.prealloc_wipe_disks],
      ['OS search path', commaJoin(osSearchPath)],
      ['ExtStorage Providers search path', commaJoin(esSearchPath)],
      ['enabled disk templates', commaJoin(list(r.enabled_disk_templates))],
      ['install image', r.install_image],
      ['instance communication network', r.instance_communication_network],
      ['zeroing image', r.zeroing_image],
      ['compression tools', r.compression_tools ?? []],
      ['enabled user shutdown', r.enabled_user_shutdown],
      ['modify ssh setup', r.modify_ssh_setup],
      ['ssh_key_type', r.ssh_key_type],
      ['ssh_key_bits', r.ssh_key_bits],
    ])],
    ['Default node parameters', formatGroupedParams(r.ndparams)],
    ['Default instance parameters', formatGroupedParams(r.beparams)],
    ['Default nic parameters', formatGroupedParams(r.nicparams)],
    ['Default disk parameters', formatGroupedParams(r.diskparams)],
    ['Instance policy - limits for instances', ordered(formatPolicyInfo((r.ipolicy ?? {}) as Record<string, unknown>, null, true))],
    ['Data collectors', dataCollectors(r)],
  ]);
}

export const verb: VerbDef<{ roman?: boolean }> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('--roman', 'Use roman numbers for positive integers (not supported)');
  },
  async run(ctx, opts) {
    refuseOption(opts.roman, '--roman', 'numbers are shown in decimal only');
    const info = await (await ctx.master()).clusterInfo();
    const { resolvePaths } = await import('../../daemons/common/paths.js');
    const paths = resolvePaths(ctx.io.env);
    // Shown as the cluster sees them (without a virtual node's root), like the storage dirs.
    const logical = (p: string) => (paths.nodeRoot && p.startsWith(`${paths.nodeRoot}/`) ? p.slice(paths.nodeRoot.length) : p);
    const osPath = paths.osSearchPath.map(logical);
    ctx.out(formatGenericInfo(clusterInfoTree(info, osPath, osPath.map((p) => p.replace(/\/os$/, '/extstorage')))));
    return 0;
  },
};
