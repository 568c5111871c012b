// The OS RPCs (InstanceOsAdd, InstanceOsRename, OsDiagnose, OsValidate): the request checked
// for this node's own safety, the instance's disks assembled and their paths computed here
// from their logical ids, then the OS scripts of os.ts.
import type { InstanceOsRenameRequest__Output } from '../../../proto/generated/ganeti/InstanceOsRenameRequest.js';
import type { InstanceOsRequest__Output } from '../../../proto/generated/ganeti/InstanceOsRequest.js';
import type { OsInfo } from '../../../proto/generated/ganeti/OsInfo.js';
import type { OsValidateRequest__Output } from '../../../proto/generated/ganeti/OsValidateRequest.js';
import type { NodedContext } from '../context.js';
import { checkInstance, invalid, safeName } from '../validate.js';
import { assembleInstanceDisks, diskAccessPaths } from './blockdev.js';
import { diagnoseOses, instanceOsAdd, instanceOsRename, validateOs, type OsScriptOutput } from './os.js';

export async function osAdd(ctx: NodedContext, req: InstanceOsRequest__Output, signal: AbortSignal): Promise<OsScriptOutput> {
  const inst = checkInstance(req.instance, 'instance', { os: true });
  await assembleInstanceDisks(ctx, inst, signal);
  const diskPaths = diskAccessPaths(ctx, inst.disks);
  return instanceOsAdd(ctx.paths, { instance: inst, diskPaths, debug: req.debug, reinstall: req.reinstall }, { signal });
}

export async function osRename(ctx: NodedContext, req: InstanceOsRenameRequest__Output, signal: AbortSignal): Promise<OsScriptOutput> {
  const inst = checkInstance(req.instance, 'instance', { os: true });
  const oldName = safeName(req.old_name, 'old_name');
  await assembleInstanceDisks(ctx, inst, signal);
  const diskPaths = diskAccessPaths(ctx, inst.disks);
  return instanceOsRename(ctx.paths, { instance: inst, diskPaths, debug: 0, oldName }, { signal });
}

export async function osDiagnose(ctx: NodedContext): Promise<{ oses: OsInfo[] }> {
  return { oses: diagnoseOses(ctx.paths) };
}

export async function osValidate(ctx: NodedContext, req: OsValidateRequest__Output, signal: AbortSignal): Promise<{ found: boolean }> {
  const name = safeName(req.os_name, 'os_name');
  if (name.startsWith('+')) throw invalid(`Invalid OS name '${name}' in field 'os_name'`);
  for (const k of Object.keys(req.osparams)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(k)) throw invalid(`Invalid OS parameter name '${k}': use letters, digits, '_', '.' and '-'`);
  }
  return validateOs(ctx.paths, { osName: name, osparams: req.osparams, checks: req.checks, required: req.required }, { signal });
}
