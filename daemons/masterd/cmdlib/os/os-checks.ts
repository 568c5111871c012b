// The OS checks logical units run before they touch anything (Ganeti's CheckNodeHasOS,
// _CheckOSVariant, CheckOSParams), and the OS script output fed into the job log.
import { OpPrereqError, type ErrorCode } from '../../../common/errors.js';
import type { Cluster, Instance, Node } from '../../../common/objects.js';
import type { OsScriptResult__Output } from '../../../../proto/generated/ganeti/OsScriptResult.js';
import type { LogicalUnit } from '../logical-unit.js';
import { getNode } from '../common.js';
import { nodeTarget } from '../../rpc/node-target.js';

/** 'debootstrap+buster' -> name and variant (Ganeti's objects.OS.GetName / GetVariant). */
export function splitOsName(full: string): { name: string; variant: string } {
  const i = full.indexOf('+');
  return i < 0 ? { name: full, variant: '' } : { name: full.slice(0, i), variant: full.slice(i + 1) };
}

function prereq(msg: string, ecode: ErrorCode = 'wrong_input'): never {
  throw new OpPrereqError(msg, { ecode });
}

/** Ganeti's _CheckOSVariant, with the allowed values in the message. */
export function checkOsVariant(os: { name: string; variants: readonly string[] }, fullName: string): void {
  const { variant } = splitOsName(fullName);
  if (!os.variants.length) {
    if (variant) prereq(`OS '${os.name}' doesn't support variants ('${variant}' passed)`);
    return;
  }
  const allowed = os.variants.map((v) => `${os.name}+${v}`).join(', ');
  if (!variant) prereq(`OS name '${fullName}' must include a variant (one of: ${allowed})`);
  if (!os.variants.includes(variant)) prereq(`Unsupported OS variant '${variant}' for OS '${os.name}' (supported: ${allowed})`);
}

/**
 * Ganeti's CheckNodeHasOS: the OS is installed and valid on the node, and (unless forced)
 * the variant is one its variants.list declares.
 */
export async function checkNodeHasOs(lu: LogicalUnit, node: Node, osName: string, forceVariant: boolean): Promise<void> {
  const res = await lu.rt.rpcCache.call(nodeTarget(node), 'OsDiagnose', {}, { signal: lu.rt.signal });
  const oses = res.raise(`Can't get the OS list of node ${node.name}`, { prereq: true }).oses;
  const { name } = splitOsName(osName);
  // The first directory of the search path wins, as on the node (Ganeti's utils.FindFile).
  const os = oses.find((o) => o.name === name);
  const head = `OS '${osName}' not in supported OS list for node ${node.name}`;
  if (!os) prereq(`${head}: Directory for OS ${name} not found in search path`);
  if (!os.valid) prereq(`${head}: ${os.diagnose}`);
  if (!forceVariant) checkOsVariant(os, osName);
}

/** Ganeti's Cluster.SimpleFillOS: cluster params of the OS, then of the os+variant, then the instance's. */
export function fillOsParams(cluster: Cluster, osName: string, params: Record<string, string>): Record<string, string> {
  const { name } = splitOsName(osName);
  return { ...(cluster.osparams[name] ?? {}), ...(name !== osName ? cluster.osparams[osName] ?? {} : {}), ...params };
}

/**
 * Ganeti's CheckOSParams: every (online, vm-capable) node validates the parameters: names
 * from parameters.list only, then the OS's own `verify parameters`.
 */
export async function checkOsParams(lu: LogicalUnit, nodes: Node[], osName: string, osparams: Record<string, string>,
  required = true): Promise<void> {
  const targets = nodes.filter((n) => n.vm_capable && !n.offline).map(nodeTarget);
  const results = await lu.rt.rpc.callMany(targets, 'OsValidate',
    { os_name: osName, osparams, checks: ['parameters'], required }, { signal: lu.rt.signal });
  for (const [nodeName, r] of results) {
    const ecode: ErrorCode = r.error?.ecode === 'wrong_input' || r.error?.ecode === 'unknown_entity' ? 'wrong_input' : 'environment_error';
    const payload = r.raise(`OS Parameters validation failed on node ${nodeName}`, { prereq: true, ecode });
    if (!payload.found) lu.logInfo(`OS ${osName} not found on node ${nodeName}, validation skipped`);
  }
}

/** The OS script's output, line by line, in the job log; then where the whole log is kept. */
export function feedOsLog(lu: LogicalUnit, res: OsScriptResult__Output | null, nodeName: string): void {
  if (!res) return;
  for (const line of res.log.replace(/\n+$/, '').split('\n')) if (line) lu.feedback(line);
  if (res.log_file) lu.logInfo(`OS script log on node ${nodeName}: ${res.log_file}`);
}

/** gnt-instance modify -O: the instance's parameters with the changes must pass its OS's checks. */
export async function checkModifiedOsParams(lu: LogicalUnit, inst: Instance, changes: Record<string, string>): Promise<void> {
  if (!inst.os) prereq(`Instance '${inst.name}' has no OS (created with --no-install and no -o): it takes no OS parameters`);
  const cfg = lu.cfg.get();
  const node = getNode(cfg, inst.primary_node);
  await checkOsParams(lu, [node], inst.os, fillOsParams(cfg.cluster, inst.os, { ...inst.osparams, ...changes }));
}

/** gnt-os modify --blacklisted=yes: the OS (by name, or name+variant) takes no new instances;
 * reinstalling an existing instance with it stays allowed (gnt-os(8)). */
export function checkOsNotBlacklisted(cluster: Cluster, osName: string): void {
  const { name } = splitOsName(osName);
  const hit = cluster.blacklisted_os.find((b) => b === osName || b === name);
  if (hit) prereq(`OS '${osName}' is blacklisted (${hit}): it can reinstall existing instances but not create new ones; gnt-os modify --blacklisted=no ${hit} allows it again`, 'wrong_state');
}
