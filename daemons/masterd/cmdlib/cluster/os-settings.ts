// The parts of OP_CLUSTER_SET_PARAMS that gnt-os modify and the helper-VM settings of
// gnt-cluster modify use (Ganeti's LUClusterSetParams): per-OS hypervisor parameters
// (os_hvp), OS parameters, the hidden/blacklisted OS lists, the install and zeroing images,
// the compression tools and the instance communication network. Each check runs before
// anything changes; each returns the config change to apply.
import { OpPrereqError } from '../../../common/errors.js';
import type { ClusterConfig } from '../../../common/objects.js';
import { OpNetworkAdd, OpNetworkConnect, type Opcode } from '../../../common/opcodes/index.js';
import { checkHvParams } from '../../params.js';
import { isSafeName } from '../../../common/known-files.js';

type Change = (c: ClusterConfig) => void;
const bad = (m: string): never => { throw new OpPrereqError(m, { ecode: 'wrong_input' }); };
const isDict = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Ganeti's GetUpdatedParams(use_none): 'default' or null drops a key, anything else sets it. */
function updated<T>(old: Record<string, T>, changes: Record<string, unknown>): Record<string, T> {
  const out = { ...old };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === 'default') delete out[k];
    else out[k] = v as T;
  }
  return out;
}

function osName(name: string): string {
  if (!isSafeName(name)) bad(`Invalid OS name '${name}'`);
  return name;
}

/** os_hvp: {os: {hv: {param: value} | null}}; params checked for hypervisors the build knows. */
export function osHvpChange(input: Record<string, unknown>): Change {
  const checked: [string, string, Record<string, unknown> | null][] = [];
  for (const [os, hvs] of Object.entries(input)) {
    osName(os);
    if (!isDict(hvs)) bad(`Hypervisor parameters for OS ${os} must be a dictionary of hypervisor -> parameters`);
    for (const [hv, params] of Object.entries(hvs as Record<string, unknown>)) {
      if (params === null) { checked.push([os, hv, null]); continue; }
      if (!isDict(params)) bad(`Parameters of hypervisor ${hv} for OS ${os} must be a dictionary`);
      const values = Object.fromEntries(Object.entries(params as Record<string, unknown>).filter(([, v]) => v !== 'default' && v !== null));
      checkHvParams(hv, values);   // names the hypervisor and the bad parameter
      checked.push([os, hv, params as Record<string, unknown>]);
    }
  }
  return (c) => {
    for (const [os, hv, params] of checked) {
      const cur = c.cluster.os_hvp[os] ?? {};
      if (params === null) delete cur[hv];
      else {
        const next = updated(cur[hv] ?? {}, checkHvParams(hv, params));
        for (const [k, v] of Object.entries(params)) if (v === 'default' || v === null) delete next[k];
        cur[hv] = next;
      }
      if (Object.keys(cur).length) c.cluster.os_hvp[os] = cur; else delete c.cluster.os_hvp[os];
    }
  };
}

/** osparams: {os: {param: value}}; values are strings, 'default' drops one. */
export function osParamsChange(input: Record<string, unknown>): { change: Change; oses: [string, Record<string, string>][] } {
  const oses: [string, Record<string, unknown>][] = [];
  for (const [os, params] of Object.entries(input)) {
    osName(os);
    if (!isDict(params)) bad(`OS parameters for ${os} must be a dictionary`);
    for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
      if (!/^[A-Za-z0-9_]+$/.test(k)) bad(`Invalid OS parameter name '${k}' for OS ${os}`);
      if (v !== null && typeof v !== 'string') bad(`OS parameter '${k}' for OS ${os} must be a string, got ${JSON.stringify(v)}`);
    }
    oses.push([os, params as Record<string, unknown>]);
  }
  return {
    oses: oses.map(([os, p]) => [os, Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== 'default')) as Record<string, string>]),
    change: (c) => {
      for (const [os, p] of oses) {
        const next = updated(c.cluster.osparams[os] ?? {}, p);
        if (Object.keys(next).length) c.cluster.osparams[os] = next; else delete c.cluster.osparams[os];
      }
    },
  };
}

/** hidden_os / blacklisted_os: [[add|remove, os], ...], with Ganeti's feedback for no-ops. */
export function osListChange(key: 'hidden_os' | 'blacklisted_os', mods: string[][], feedback: (m: string) => void): Change {
  const desc = `${key === 'hidden_os' ? 'hidden' : 'blacklisted'} OS list`;
  for (const m of mods) {
    if (m.length !== 2 || (m[0] !== 'add' && m[0] !== 'remove')) bad(`Invalid ${key} modification ${JSON.stringify(m)} (want [add|remove, os])`);
    osName(m[1]!);
  }
  return (c) => {
    const lst = c.cluster[key];
    for (const [mod, os] of mods as [string, string][]) {
      const at = lst.indexOf(os);
      if (mod === 'add') { if (at >= 0) feedback(`OS ${os} already in ${desc}, ignoring`); else lst.push(os); }
      else if (at >= 0) lst.splice(at, 1); else feedback(`OS ${os} not found in ${desc}, ignoring`);
    }
  };
}

/** Ganeti's CheckImageValidity: an absolute path or a URL ('' unsets). */
export function checkImage(image: string, what: 'Install' | 'Zeroing'): void {
  if (image === '') return;
  const url = /^(https?|ftp):\/\/[^\s]+$/.test(image);
  if (!url && (!image.startsWith('/') || image.split('/').includes('..') || /[\0\n]/.test(image))) {
    bad(`${what} image must be an absolute path or a URL, got '${image}'`);
  }
}

/** Ganeti's CheckCompressionTools. */
export function checkCompressionTools(tools: string[]): void {
  const illegal = tools.filter((x) => !/^[-_a-zA-Z0-9]+$/.test(x));
  if (illegal.length) bad(`The tools '${illegal.join(', ')}' contain illegal characters: only alphanumeric values, dashes, and underscores are allowed`);
  if (!tools.includes('gzip')) bad('For compatibility reasons, the gzip utility must be present among the compression tools');
  if (tools.includes('none')) bad('none is a reserved value used for no compression, and cannot be used as the name of a tool');
}

/** Ganeti's INSTANCE_COMMUNICATION_* constants: the network created when none of the name exists. */
const COMM = { network: '169.254.0.0/16', macPrefix: '52:54:00', mode: 'routed', link: 'communication_rt' };

/** Ganeti's _ModifyInstanceCommunicationNetwork: the jobs that create the network and connect
 * it to every group it is not connected to (none when it already is everywhere). */
export function communicationNetworkJobs(cfg: Readonly<ClusterConfig>, name: string, feedback: (m: string) => void): Opcode[][] {
  const current = cfg.cluster.instance_communication_network ?? '';
  if (name === current) { feedback(`Instance communication network already is '${name}', nothing to do.`); return []; }
  if (current && Object.values(cfg.networks).some((n) => n.name === current)) {
    feedback(`Previous instance communication network '${current}' should be removed manually.`);
  }
  if (!name) { feedback('Disabling instance communication network, only new instances will be affected.'); return []; }
  feedback(`Changing instance communication network to '${name}', only new instances will be affected.`);
  const net = Object.values(cfg.networks).find((n) => n.name === name);
  const ops: Opcode[] = [];
  if (!net) ops.push(OpNetworkAdd.build({ network_name: name, network: COMM.network, mac_prefix: COMM.macPrefix, conflicts_check: true }));
  for (const g of Object.values(cfg.nodegroups)) {
    if (net && net.uuid in (g.networks ?? {})) continue;
    ops.push(OpNetworkConnect.build({ group_name: g.uuid, network_name: name, network_mode: COMM.mode, network_link: COMM.link, conflicts_check: true }));
  }
  return ops.length ? [ops] : [];
}
