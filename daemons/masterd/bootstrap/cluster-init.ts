// gnt-cluster init (Ganeti's bootstrap.InitCluster): runs on the future master without a
// master daemon, in the ganeti-cluster-init program (init-main.ts) that the CLI starts. It checks every parameter first, then creates the cluster CA and this
// node's certificate, writes the first config and ssconf, and starts noded and masterd.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import {
  BE_DEFAULTS, CONFIG_VERSION, DEFAULT_CANDIDATE_POOL_SIZE, DEFAULT_MAC_PREFIX, DEFAULT_MAX_RUNNING_JOBS,
  DEFAULT_MAX_TRACKED_JOBS, NIC_DEFAULTS,
} from '../../common/constants.js';
import { atomicWrite, ensureDir } from '../../common/atomic-file.js';
import { OpPrereqError } from '../../common/errors.js';
import { resolveHost } from '../../common/hosts.js';
import { isSafeAbsolutePath, isSafeName, isSafeNetdev } from '../../common/known-files.js';
import type { InitClusterOptions } from '../../common/cluster-init-options.js';
import type { BeParams, ClusterConfig, IPolicy } from '../../common/objects.js';
import { resolvePaths, type Paths } from '../../common/paths.js';
import { createCa, createNodeCert, createSelfSignedCert, joinPem } from '../../common/tls.js';
import { certDigest } from '../../common/pem.js';
import { hvDefaults, hypervisorNames, isKnownHypervisor } from '../../hypervisor/descriptors.js';
import { isKnownTemplate, templateNames } from '../../storage/descriptors.js';
import { checkBeParams, checkHvParams, checkNicParams } from '../params.js';
import { parseIpolicy } from '../ipolicy.js';
import { computeSsconf } from '../distribution/ssconf-values.js';
import { ConfigStore } from '../config/config-store.js';

const execFileP = promisify(execFile);
const ISPEC_MIN = { 'cpu-count': 1, 'disk-count': 1, 'disk-size': 1024, 'memory-size': 128, 'nic-count': 1, 'spindle-use': 1 };
const ISPEC_MAX = { 'cpu-count': 8, 'disk-count': 16, 'disk-size': 1048576, 'memory-size': 32768, 'nic-count': 8, 'spindle-use': 12 };

function bad(msg: string): never { throw new OpPrereqError(msg, { ecode: 'wrong_input' }); }

/** Ganeti's default ndparams; on a virtual cluster ssh_port comes from vcluster.json. */
function defaultNdparams(paths: Paths): Record<string, unknown> {
  let sshPort = 22;
  if (paths.clusterDir) {
    try { sshPort = Number(JSON.parse(readFileSync(join(paths.clusterDir, 'vcluster.json'), 'utf8')).ssh_port) || 22; } catch { /* keep 22 */ }
  }
  return { oob_program: '', spindle_count: 1, exclusive_storage: false, ovs: false, ovs_name: 'switch1', ovs_link: '', ssh_port: sshPort, cpu_speed: 1 };
}

export function buildInitialConfig(o: InitClusterOptions, paths: Paths, nodeIp: string, masterIp: string): ClusterConfig {
  if (!isSafeName(o.cluster_name)) bad(`Invalid cluster name '${o.cluster_name}'`);
  const hvs = o.enabled_hypervisors;
  const unknownHv = hvs.filter((h) => !isKnownHypervisor(h));
  if (!hvs.length || unknownHv.length) bad(`Invalid hypervisor(s) '${unknownHv.join(',') || '(none)'}' (allowed: ${hypervisorNames().join(', ')})`);
  const badTpl = o.enabled_disk_templates.filter((t) => !isKnownTemplate(t));
  if (!o.enabled_disk_templates.length || badTpl.length) bad(`Invalid disk template(s) '${badTpl.join(',') || '(none)'}' (allowed: ${templateNames().join(', ')})`);
  for (const hv of Object.keys(o.hvparams)) if (!hvs.includes(hv)) bad(`Hypervisor parameters given for '${hv}', which is not enabled (enabled: ${hvs.join(', ')})`);
  const hvparams: Record<string, Record<string, unknown>> = {};
  for (const hv of hvs) hvparams[hv] = { ...hvDefaults(hv), ...checkHvParams(hv, o.hvparams[hv] ?? {}) };
  const be = { ...BE_DEFAULTS, ...checkBeParams(o.beparams) } as BeParams;
  const nic = { ...NIC_DEFAULTS, ...checkNicParams(o.nicparams) };
  const ip = parseIpolicy(o.ipolicy);
  const ipolicy: IPolicy = {
    minmax: ip.minmax?.map((p) => ({ min: { ...ISPEC_MIN, ...p.min }, max: { ...ISPEC_MAX, ...p.max } })) ?? [{ min: { ...ISPEC_MIN }, max: { ...ISPEC_MAX } }],
    std: { ...ISPEC_MIN, ...(ip.std ?? {}) },
    'disk-templates': ip['disk-templates'] ?? templateNames(),
    'vcpu-ratio': ip['vcpu-ratio'] ?? 4,
    'spindle-ratio': ip['spindle-ratio'] ?? 32,
  };
  const macPrefix = (o.mac_prefix ?? DEFAULT_MAC_PREFIX).toLowerCase();
  if (!/^[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/.test(macPrefix)) bad(`Invalid MAC prefix '${o.mac_prefix}' (expected three hex octets like aa:00:00)`);
  if (o.default_iallocator && o.default_iallocator !== 'hail') bad(`Unknown iallocator '${o.default_iallocator}' (available: hail)`);
  const fileDir = o.file_storage_dir ?? '/srv/ganeti/file-storage';
  // Storage dirs and the master netdev reach paths and command lines on every node.
  for (const [what, dir] of [['File', fileDir], ['Shared file', o.shared_file_storage_dir]] as const) {
    if (dir !== undefined && !isSafeAbsolutePath(dir)) bad(`${what} storage directory '${dir}' must be an absolute path without '..', made of letters, digits and . _ + - /`);
  }
  if (!isSafeNetdev(o.master_netdev)) bad(`Invalid master network device '${o.master_netdev}' (an interface name: letters, digits, '_', '.', ':' and '-', at most 15 characters)`);
  const t = Date.now() / 1000;
  const groupUuid = randomUUID();
  const nodeUuid = randomUUID();
  return {
    version: CONFIG_VERSION, serial_no: 1, ctime: t, mtime: t,
    cluster: {
      uuid: randomUUID(), cluster_name: o.cluster_name, master_node: nodeUuid, master_ip: masterIp,
      master_netdev: o.master_netdev, master_netmask: o.master_netmask ?? 32, mac_prefix: macPrefix,
      use_external_mip_script: o.use_external_mip_script ?? false,
      enabled_hypervisors: hvs, hvparams, os_hvp: {}, osparams: {}, beparams: { default: be }, nicparams: { default: nic },
      ndparams: { ...defaultNdparams(paths), ...o.ndparams }, diskparams: o.diskparams, ipolicy,
      enabled_disk_templates: o.enabled_disk_templates, file_storage_dir: fileDir,
      shared_file_storage_dir: o.shared_file_storage_dir ?? '/srv/ganeti/shared-file-storage',
      candidate_pool_size: o.candidate_pool_size ?? DEFAULT_CANDIDATE_POOL_SIZE,
      max_running_jobs: DEFAULT_MAX_RUNNING_JOBS, max_tracked_jobs: DEFAULT_MAX_TRACKED_JOBS,
      default_iallocator: o.default_iallocator ?? 'hail', default_iallocator_params: {},
      hidden_os: [], blacklisted_os: [], uid_pool: o.uid_pool ? o.uid_pool.split(',') : [],
      maintain_node_health: o.maintain_node_health ?? false, prealloc_wipe_disks: o.prealloc_wipe_disks ?? false,
      primary_ip_family: 4, enabled_user_shutdown: o.enabled_user_shutdown ?? false,
      modify_etc_hosts: o.modify_etc_hosts, modify_ssh_setup: o.modify_ssh_setup,
      highest_used_port: 10999, tcpudp_port_pool: [], tags: [], ctime: t, mtime: t, serial_no: 1,
    },
    nodes: {
      [nodeUuid]: {
        uuid: nodeUuid, name: paths.hostname, primary_ip: nodeIp, secondary_ip: o.secondary_ip ?? nodeIp,
        master_candidate: true, offline: false, drained: false, master_capable: true, vm_capable: true,
        group: groupUuid, ndparams: {}, powered: true, tags: [], ctime: t, mtime: t, serial_no: 1,
      },
    },
    nodegroups: {
      [groupUuid]: {
        uuid: groupUuid, name: 'default', alloc_policy: 'preferred', ndparams: {}, diskparams: {}, ipolicy: {},
        networks: {}, tags: [], ctime: t, mtime: t, serial_no: 1,
      },
    },
    instances: {},
    networks: {},
  };
}

/** Runs one of our own programs: the one next to this one (build/bin), else from PATH. */
async function runProgram(name: string, args: string[]): Promise<void> {
  const own = join(dirname(process.argv[1] ?? ''), name);
  const prog = existsSync(own) ? own : name;
  try { await execFileP(prog, args, { timeout: 30_000 }); } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new OpPrereqError(`Could not run '${[name, ...args].join(' ')}': ${(e.stderr || e.stdout || e.message).trim()}`, { ecode: 'environment_error' });
  }
}

export async function initCluster(o: InitClusterOptions, feedback: (msg: string) => void = () => undefined): Promise<void> {
  const paths = resolvePaths(process.env);
  if (existsSync(paths.clusterConfFile)) {
    throw new OpPrereqError('Cluster is already initialised', { ecode: 'wrong_state' });
  }
  const ip = await resolveHost(paths, paths.hostname).catch(() => {
    throw new OpPrereqError(`Cannot resolve this node's name '${paths.hostname}' (hosts file ${paths.hostsFile})`, { ecode: 'resolver_error' });
  });
  const masterIp = await resolveHost(paths, o.cluster_name).catch(() => ip);
  const config = buildInitialConfig(o, paths, ip, masterIp);

  for (const d of [paths.dataDir, paths.queueDir, paths.queueArchiveDir, paths.runDir, paths.socketDir, paths.logDir, paths.fakeHvDir]) await ensureDir(d);
  // The node's directories and shipped files, as `gnt-node add` prepares every other node.
  await runProgram('ensure-dirs', []);
  const ca = await createCa(o.cluster_name);
  const cert = await createNodeCert(ca, paths.hostname, [ip]);
  // The master's certificate digest goes to ssconf master_candidates_certs: node daemons
  // take orders only from the certificate listed there under master_node (noded/authz.ts).
  config.nodes[config.cluster.master_node]!.cert_digests = [certDigest(cert.cert)];
  await atomicWrite(paths.caCertFile, ca.cert, { mode: 0o644 });
  await atomicWrite(paths.caKeyFile, ca.key, { mode: 0o600 });
  await atomicWrite(paths.serverCertFile, joinPem(cert), { mode: 0o600 });
  // The RAPI certificate, as Ganeti's init makes it (unless one was put in place first):
  // the master copies it to every master candidate (distribution/ancillary.ts).
  if (!existsSync(paths.rapiCertFile)) {
    await atomicWrite(paths.rapiCertFile, joinPem(await createSelfSignedCert(o.cluster_name, [...new Set([masterIp, ip])])), { mode: 0o400 });
  }
  await ConfigStore.create(paths.clusterConfFile, config, { journal: true });
  for (const [k, v] of Object.entries(computeSsconf(config))) await atomicWrite(paths.ssconfFile(k), v, { mode: 0o444, fsyncDir: false });
  feedback(`Starting daemons on ${paths.hostname}`);
  // Every daemon this node now runs, as Ganeti's init does: noded and the master daemons.
  await runProgram('daemon-util', ['start-all']);
}
