// The master IP on this node (Ganeti's backend.ActivateMasterIp / DeactivateMasterIp): a
// setup script is run with the action ('start' or 'stop') and Ganeti's environment
// MASTER_NETDEV, MASTER_IP, MASTER_NETMASK, CLUSTER_IP_VERSION. With
// use_external_mip_script it is <confdir>/scripts/master-ip-setup, the administrator's;
// otherwise the default, which on a real node adds or removes the address with `ip` and on
// a virtual cluster never touches an interface: it records what it would have done in
// <run dir>/master-ip (the state a test or a curious user reads).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { atomicWrite } from '../../common/atomic-file.js';
import { CommandError } from '../../common/errors.js';
import { isSafeNetdev } from '../../common/known-files.js';
import type { Paths } from '../../common/paths.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { MasterIpRequest__Output } from '../../../proto/generated/ganeti/MasterIpRequest.js';
import type { NodedContext } from '../context.js';
import { invalid } from '../validate.js';

export type MasterIpAction = 'start' | 'stop';

/** Ganeti's EXTERNAL_MASTER_SETUP_SCRIPT, under this node's configuration dir. */
export function externalMipScript(paths: Paths): string { return join(paths.confDir, 'scripts', 'master-ip-setup'); }
/** Where the default script records the address on a virtual cluster. */
export function masterIpStateFile(paths: Paths): string { return join(paths.runDir, 'master-ip'); }

/** The script's environment, from a checked request. */
export function masterIpEnv(req: MasterIpRequest__Output): Record<string, string> {
  if (!isSafeNetdev(req.netdev)) throw invalid(`Invalid master network device '${req.netdev}'`);
  const family = isIP(req.ip);
  if (!family) throw invalid(`Invalid master IP address '${req.ip}'`);
  const version = req.ip_version || family;
  if (version !== family) throw invalid(`Master IP ${req.ip} is not an IPv${version} address`);
  const max = family === 4 ? 32 : 128;
  if (!Number.isInteger(req.netmask) || req.netmask < 0 || req.netmask > max) {
    throw invalid(`Invalid master netmask ${req.netmask} (allowed: 0-${max} for IPv${family})`);
  }
  return { MASTER_NETDEV: req.netdev, MASTER_IP: req.ip, MASTER_NETMASK: String(req.netmask), CLUSTER_IP_VERSION: String(family) };
}

function run(file: string, args: string[], env: Record<string, string>, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (!err) { resolve(); return; }
      reject(new CommandError(`${what} failed: ${(stderr || stdout || err.message).trim()}`, { ecode: 'environment_error' }));
    });
  });
}

/** The default script: the `ip` commands on a real node, a record of them on a virtual one. */
async function defaultSetup(paths: Paths, action: MasterIpAction, env: Record<string, string>): Promise<void> {
  const addr = `${env.MASTER_IP}/${env.MASTER_NETMASK}`;
  const cmd = action === 'start'
    ? ['address', 'add', addr, 'dev', env.MASTER_NETDEV!, 'label', `${env.MASTER_NETDEV}:0`]
    : ['address', 'del', addr, 'dev', env.MASTER_NETDEV!];
  if (paths.clusterDir !== null) {
    mkdirSync(paths.runDir, { recursive: true });
    await atomicWrite(masterIpStateFile(paths), `${JSON.stringify({ active: action === 'start', ...env, would_run: ['ip', ...cmd] })}\n`);
    return;
  }
  await run('ip', cmd, {}, `ip ${cmd.join(' ')}`).catch((err: Error) => {
    // Already there (start) or already gone (stop) is the state asked for.
    if (/File exists|Cannot assign requested address/.test(err.message)) return;
    throw err;
  });
}

async function setup(ctx: NodedContext, req: MasterIpRequest__Output, action: MasterIpAction): Promise<Empty> {
  const env = masterIpEnv(req);
  if (req.use_external_mip_script) {
    const script = externalMipScript(ctx.paths);
    if (!existsSync(script)) {
      throw new CommandError(`External master IP setup script ${script} does not exist on this node`, { ecode: 'environment_error' });
    }
    await run(script, [action], env, `Master IP setup script ${script} ${action}`);
  } else {
    await defaultSetup(ctx.paths, action, env);
  }
  ctx.logger.info(`master IP ${action === 'start' ? 'activated' : 'deactivated'}`, { ...env, external: req.use_external_mip_script });
  return {};
}

export const nodeActivateMasterIp = (ctx: NodedContext, req: MasterIpRequest__Output) => setup(ctx, req, 'start');
export const nodeDeactivateMasterIp = (ctx: NodedContext, req: MasterIpRequest__Output) => setup(ctx, req, 'stop');
