// A small synthetic cluster for query tests: five nodes (master, regular, drained,
// offline, one whose RPCs fail) and one instance per status Ganeti can report.
import type { ClusterConfig, Instance, Node } from '../../../../../daemons/common/objects.js';
import type { LiveData } from '../../../../../daemons/masterd/query/index.js';
import { RpcResult } from '../../../../../daemons/masterd/rpc/rpc-result.js';
import type { InstanceRuntime__Output } from '../../../../../proto/generated/ganeti/InstanceRuntime.js';
import type { NodeInfoResponse__Output } from '../../../../../proto/generated/ganeti/NodeInfoResponse.js';

const IPOLICY = {
  minmax: [{ min: { 'cpu-count': 1, 'disk-count': 1, 'disk-size': 1024, 'memory-size': 128, 'nic-count': 1, 'spindle-use': 1 },
    max: { 'cpu-count': 8, 'disk-count': 16, 'disk-size': 1048576, 'memory-size': 32768, 'nic-count': 8, 'spindle-use': 12 } }],
  std: { 'cpu-count': 1, 'disk-count': 1, 'disk-size': 1024, 'memory-size': 128, 'nic-count': 1, 'spindle-use': 1 },
  'disk-templates': ['file', 'diskless'], 'vcpu-ratio': 4, 'spindle-ratio': 32,
};

export function node(uuid: string, name: string, extra: Partial<Node> = {}): Node {
  return {
    uuid, name, primary_ip: `192.0.2.${uuid.slice(1)}`, secondary_ip: `198.51.100.${uuid.slice(1)}`,
    master_candidate: false, offline: false, drained: false, master_capable: true, vm_capable: true,
    group: 'g1', ndparams: {}, powered: true, tags: [], ctime: 1000, mtime: 2000, serial_no: 1, ...extra,
  };
}

export function instance(uuid: string, name: string, pnode: string, extra: Partial<Instance> = {}): Instance {
  return {
    uuid, name, primary_node: pnode, secondary_nodes: [], hypervisor: 'fake', os: 'debootstrap+default',
    admin_state: 'up', admin_state_source: 'admin', disk_template: 'file',
    disks: [{ uuid: `${uuid}-d0`, name: 'root', dev_type: 'file', size: 1024, mode: 'rw', logical_id: ['loop', '/x'],
      iv_name: 'disk/0', params: {}, spindles: null }],
    nics: [{ uuid: `${uuid}-n0`, name: '', mac: 'aa:00:00:00:00:01', ip: null, network: null, nicparams: {} }],
    hvparams: {}, beparams: {}, osparams: {}, network_port: null, disks_active: true, tags: [],
    ctime: 1000, mtime: 2000, serial_no: 3, ...extra,
  };
}

export function makeConfig(): ClusterConfig {
  const nodes = [
    node('n1', 'node1', { master_candidate: true, tags: ['rack1'] }),
    node('n2', 'node2'),
    node('n10', 'node10', { drained: true }),
    node('n3', 'node3', { offline: true }),
    node('n4', 'node4'),
  ];
  const insts = [
    instance('i1', 'inst1', 'n1', { beparams: { maxmem: 512 }, tags: ['web'], secondary_nodes: ['n2'] }),
    instance('i2', 'inst2', 'n1', { admin_state: 'down' }),
    instance('i3', 'inst3', 'n1'),
    instance('i4', 'inst4', 'n1', { admin_state: 'down' }),
    instance('i5', 'inst5', 'n2'),
    instance('i6', 'inst6', 'n3'),
    instance('i7', 'inst7', 'n4'),
    instance('i8', 'inst8', 'n2', { admin_state: 'offline' }),
    instance('i9', 'inst9', 'n2'),
    instance('i10', 'inst10', 'n2', { admin_state: 'down', admin_state_source: 'user', disk_template: 'diskless', disks: [] }),
  ];
  return {
    version: 3000000, serial_no: 7, ctime: 1, mtime: 2,
    cluster: {
      uuid: 'c1', cluster_name: 'cluster.example.com', master_node: 'n1', master_ip: '192.0.2.254',
      master_netdev: 'lo', master_netmask: 32, mac_prefix: 'aa:00:00', enabled_hypervisors: ['fake', 'kvm'],
      hvparams: { fake: { migration_mode: 'live' }, kvm: {} }, os_hvp: {},
      osparams: { debootstrap: { dist: 'bookworm' } },
      beparams: { default: { always_failover: false, auto_balance: true, maxmem: 128, minmem: 128, spindle_use: 1, vcpus: 1 } },
      nicparams: { default: { mode: 'bridged', link: 'br0', vlan: '' } },
      ndparams: { oob_program: '', spindle_count: 1, exclusive_storage: false, ssh_port: 22 },
      diskparams: { file: {}, plain: { stripes: 1 } }, ipolicy: IPOLICY,
      enabled_disk_templates: ['file', 'diskless'], file_storage_dir: '/srv/ganeti/file-storage',
      shared_file_storage_dir: '', candidate_pool_size: 10, max_running_jobs: 20, max_tracked_jobs: 25,
      default_iallocator: 'hail', default_iallocator_params: {}, hidden_os: ['hiddenos'], blacklisted_os: [],
      uid_pool: [], maintain_node_health: false, prealloc_wipe_disks: false, primary_ip_family: 2,
      enabled_user_shutdown: false, modify_etc_hosts: true, modify_ssh_setup: true, highest_used_port: 0,
      tcpudp_port_pool: [], tags: [], ctime: 1, mtime: 2, serial_no: 7,
    },
    nodes: Object.fromEntries(nodes.map((n) => [n.uuid, n])),
    nodegroups: {
      g1: { uuid: 'g1', name: 'default', alloc_policy: 'preferred', ndparams: { spindle_count: 2 }, diskparams: { file: { x: 1 } },
        ipolicy: { 'vcpu-ratio': 2 }, networks: {}, tags: [], ctime: 5, mtime: 6, serial_no: 2 },
      g2: { uuid: 'g2', name: 'empty', alloc_policy: 'last_resort', ndparams: {}, diskparams: {},
        ipolicy: {}, networks: {}, tags: [], ctime: 5, mtime: 6, serial_no: 1 },
    },
    instances: Object.fromEntries(insts.map((i) => [i.uuid, i])),
    networks: {},
  };
}

export function runtime(name: string, state: string, memory = 512, vcpus = 1): InstanceRuntime__Output {
  return { name, state, memory, vcpus, hypervisor: 'fake', console_json: state === 'running' ? '{"kind":"msg","message":"hi"}' : '' };
}

export function nodeInfo(memFree: number): NodeInfoResponse__Output {
  return {
    bootid: 'boot-1', memory_total: 4096, memory_free: memFree, memory_dom0: 256, cpu_total: 4, cpu_nodes: 1,
    cpu_sockets: 1, cpu_used: 1, software_version: 'x',
    storage: [{ type: 'file', name: '/srv', total: 10240, free: 8192, reported: true }],
  };
}

/** Live data as the master would gather it: node3 offline, node4's RPCs failing. */
export function makeLive(): LiveData {
  const list = (rts: InstanceRuntime__Output[]) => ({ instances: rts });
  return {
    nodeInfo: new Map([
      ['n1', RpcResult.ok('node1', nodeInfo(2000))],
      ['n2', RpcResult.ok('node2', nodeInfo(3000))],
      ['n10', RpcResult.ok('node10', nodeInfo(1000))],
      ['n3', RpcResult.offlineNode('node3')],
      ['n4', RpcResult.fail('node4', 'Connection refused')],
    ]),
    instanceList: new Map([
      ['n1', RpcResult.ok('node1', list([runtime('inst1', 'running', 512, 2), runtime('inst4', 'running'),
        runtime('inst5', 'running')]))],
      ['n2', RpcResult.ok('node2', list([runtime('inst9', 'user_down')]))],
      ['n10', RpcResult.ok('node10', list([]))],
      ['n3', RpcResult.offlineNode('node3')],
      ['n4', RpcResult.fail('node4', 'Connection refused')],
    ]),
  };
}
