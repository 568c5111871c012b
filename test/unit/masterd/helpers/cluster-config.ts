// A small cluster configuration for LU tests: three nodes (node1 the master), the fake and
// kvm hypervisors, file/sharedfile/diskless templates, and instances added per test.
import type { ClusterConfig, Disk, Instance, Node } from './masterd.js';

export const MASTER = 'node1.example.com';
export const NODE2 = 'node2.example.com';
export const NODE3 = 'node3.example.com';
const FILE_DIR = '/srv/ganeti/file-storage';

export function node(uuid: string, name: string, extra: Partial<Node> = {}): Node {
  const last = 10 + Number(uuid.replace(/\D/g, '') || 0);
  return {
    uuid, name, primary_ip: `127.0.9.${last}`, secondary_ip: `127.0.9.${last}`, master_candidate: true, offline: false,
    drained: false, master_capable: true, vm_capable: true, group: 'g1', ndparams: {}, powered: true, tags: [],
    ctime: 1, mtime: 1, serial_no: 1, ...extra,
  };
}

export function fileDisk(instName: string, i: number, size = 1024, template = 'file'): Disk {
  const path = `${FILE_DIR}/${instName}/disk${i}`;
  return { uuid: `${instName}-d${i}`, name: '', dev_type: template, size, mode: 'rw', logical_id: ['loop', path],
    iv_name: `disk/${i}`, params: { format: 'raw' }, spindles: null };
}

let macs = 0;
/** An instance on `pnodeUuid` (default: file template, one 1 GiB disk, admin state down). */
export function instance(uuid: string, name: string, pnodeUuid: string, extra: Partial<Instance> = {}): Instance {
  const template = extra.disk_template ?? 'file';
  macs++;
  return {
    uuid, name, primary_node: pnodeUuid, secondary_nodes: [], hypervisor: 'fake', os: 'debootstrap+default',
    admin_state: 'down', admin_state_source: 'admin', disk_template: template,
    disks: template === 'diskless' ? [] : [fileDisk(name, 0, 1024, template)],
    nics: [{ uuid: `${uuid}-n0`, name: '', mac: `aa:00:00:99:00:${(macs % 256).toString(16).padStart(2, '0')}`, ip: null, network: null, nicparams: {} }],
    hvparams: {}, beparams: {}, osparams: {}, network_port: null, disks_active: false, tags: [],
    ctime: 1, mtime: 1, serial_no: 1, ...extra,
  };
}

export function clusterConfig(opts: { nodes?: Node[]; instances?: Instance[] } = {}): ClusterConfig {
  const nodes = opts.nodes ?? [node('n1', MASTER), node('n2', NODE2), node('n3', NODE3)];
  const spec = { 'cpu-count': 1, 'disk-count': 1, 'disk-size': 1024, 'memory-size': 128, 'nic-count': 1, 'spindle-use': 1 };
  return {
    version: 3000000, serial_no: 1, ctime: 1, mtime: 1,
    cluster: {
      uuid: 'c1', cluster_name: 'cluster.example.com', master_node: 'n1', master_ip: '127.0.9.254', master_netdev: 'lo',
      master_netmask: 32, mac_prefix: 'aa:00:00', enabled_hypervisors: ['fake', 'kvm'],
      hvparams: { fake: { migration_mode: 'live' }, kvm: {} }, os_hvp: {}, osparams: {},
      beparams: { default: { always_failover: false, auto_balance: true, maxmem: 128, minmem: 128, spindle_use: 1, vcpus: 1 } },
      nicparams: { default: { mode: 'bridged', link: 'br0', vlan: '' } },
      ndparams: { oob_program: '', spindle_count: 1, exclusive_storage: false, ssh_port: 22 },
      diskparams: { file: {}, sharedfile: {} },
      ipolicy: {
        minmax: [{ min: { ...spec, 'disk-size': 1, 'nic-count': 0 },
          max: { 'cpu-count': 8, 'disk-count': 16, 'disk-size': 1048576, 'memory-size': 32768, 'nic-count': 8, 'spindle-use': 12 } }],
        std: spec, 'disk-templates': ['file', 'sharedfile', 'diskless'], 'vcpu-ratio': 4, 'spindle-ratio': 32,
      },
      enabled_disk_templates: ['file', 'sharedfile', 'diskless'], file_storage_dir: FILE_DIR,
      shared_file_storage_dir: '/srv/ganeti/shared-file-storage', candidate_pool_size: 10, max_running_jobs: 20,
      max_tracked_jobs: 25, default_iallocator: 'hail', default_iallocator_params: {}, hidden_os: [], blacklisted_os: [],
      uid_pool: [], maintain_node_health: false, prealloc_wipe_disks: false, primary_ip_family: 2,
      enabled_user_shutdown: false, modify_etc_hosts: false, modify_ssh_setup: false, highest_used_port: 11000,
      tcpudp_port_pool: [], tags: [], ctime: 1, mtime: 1, serial_no: 1,
    },
    nodes: Object.fromEntries(nodes.map((n) => [n.uuid, n])),
    nodegroups: {
      g1: { uuid: 'g1', name: 'default', alloc_policy: 'preferred', ndparams: {}, diskparams: {}, ipolicy: {}, networks: {},
        tags: [], ctime: 1, mtime: 1, serial_no: 1 },
    },
    instances: Object.fromEntries((opts.instances ?? []).map((i) => [i.uuid, i])),
    networks: {},
  };
}
