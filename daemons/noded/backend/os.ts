// OS definitions, Ganeti OS API 20 (doc/design-os / man ganeti-os-interface): a directory
// per OS under the search path with ganeti_api_version, the scripts create, import, export,
// rename, verify, and optional variants.list and parameters.list. This module finds and
// checks them (OsDiagnose) and runs create / rename with Ganeti's environment.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OpExecError } from '../../common/errors.js';
import { fileStamp } from '../../common/file-stamp.js';
import type { Paths } from '../../common/paths.js';
import { templateCan } from '../../storage/descriptors.js';
import type { Instance__Output } from '../../../proto/generated/ganeti/Instance.js';
import { lastLines, runScript, tailText, timestampForFilename } from './os-script.js';

/** API versions this node speaks (Ganeti's constants.OS_API_VERSIONS). */
export const OS_API_VERSIONS: readonly number[] = [20, 15, 10];
export const OS_SCRIPTS = ['create', 'import', 'export', 'rename', 'verify'] as const;
export const DEFAULT_OS_TIMEOUT_MS = 10 * 60_000;
const HOOKS_PATH = '/usr/sbin:/usr/bin:/sbin:/bin';
const RESULT_LOG_BYTES = 4096;

export interface OsDefinition {
  name: string;
  path: string;
  apiVersions: number[];
  variants: string[];
  /** Lines of parameters.list: "name  description". */
  parameters: string[];
}

export interface OsDiagnosis {
  name: string;
  path: string;
  valid: boolean;
  diagnose: string;
  api_versions: number[];
  variants: string[];
  parameters: string[];
}

/** 'debootstrap+buster' -> name 'debootstrap', variant 'buster' (Ganeti objects.OS.GetName/GetVariant). */
export function splitOsName(full: string): { name: string; variant: string } {
  const i = full.indexOf('+');
  return i < 0 ? { name: full, variant: '' } : { name: full.slice(0, i), variant: full.slice(i + 1) };
}

type Loaded = { ok: true; os: OsDefinition } | { ok: false; reason: string };

/** Ganeti's _TryOSFromDisk: every check with the message Ganeti gives. */
function tryLoadOs(name: string, dir: string): Loaded {
  const apiFile = join(dir, 'ganeti_api_version');
  let text: string;
  try {
    if (!statSync(apiFile).isFile()) return { ok: false, reason: `File 'ganeti_api_version' in ${dir} is not a regular file` };
    text = readFileSync(apiFile, 'utf8');
  } catch (err) {
    return { ok: false, reason: `Required file 'ganeti_api_version' not found under path ${dir}: ${(err as Error).message}` };
  }
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const apiVersions = lines.map((l) => Number(l));
  if (apiVersions.some((v) => !Number.isInteger(v))) {
    return { ok: false, reason: `API version(s) can't be converted to integer: ${JSON.stringify(lines)}` };
  }
  if (!apiVersions.some((v) => OS_API_VERSIONS.includes(v))) {
    return { ok: false, reason: `API version mismatch for path '${dir}': found [${apiVersions.join(', ')}], want [${OS_API_VERSIONS.join(', ')}]` };
  }
  const maxApi = Math.max(...apiVersions);
  // verify and parameters.list exist from API 20 on (Ganeti deletes them from the required set below 20).
  const required: string[] = OS_SCRIPTS.filter((s) => s !== 'verify' || maxApi >= 20);
  if (maxApi >= 20) required.push('parameters.list');
  for (const script of required) {
    const file = join(dir, script);
    let st;
    try { st = statSync(file); } catch (err) {
      return { ok: false, reason: `File '${script}' under path '${dir}' is missing (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
    }
    if (!st.isFile()) return { ok: false, reason: `File '${script}' under path '${dir}' is not a regular file` };
    if (script !== 'parameters.list' && (st.mode & 0o100) === 0) return { ok: false, reason: `File '${script}' under path '${dir}' is not executable` };
  }
  const readList = (file: string, comments: boolean): string[] | { error: string } => {
    try {
      return readFileSync(join(dir, file), 'utf8').split('\n').map((l) => l.trim())
        .filter((l) => l && !(comments && l.startsWith('#')));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      return { error: `Error while reading the OS ${file} file in ${dir}: ${(err as Error).message}` };
    }
  };
  const variants = maxApi >= 15 ? readList('variants.list', true) : [];
  if (!Array.isArray(variants)) return { ok: false, reason: variants.error };
  const parameters = maxApi >= 20 ? readList('parameters.list', false) : [];
  if (!Array.isArray(parameters)) return { ok: false, reason: parameters.error };
  return { ok: true, os: { name, path: dir, apiVersions, variants, parameters } };
}

/** Every directory under every OS search path, valid or not (gnt-os diagnose). */
export function diagnoseOses(paths: Paths): OsDiagnosis[] {
  const out: OsDiagnosis[] = [];
  for (const top of paths.osSearchPath) {
    let names: string[];
    try { names = readdirSync(top).filter((n) => !n.startsWith('.')).sort(); } catch { continue; }
    for (const name of names) {
      const dir = join(top, name);
      const r = tryLoadOs(name, dir);
      out.push(r.ok
        ? { name, path: dir, valid: true, diagnose: '', api_versions: r.os.apiVersions, variants: r.os.variants, parameters: r.os.parameters }
        : { name, path: dir, valid: false, diagnose: r.reason, api_versions: [], variants: [], parameters: [] });
    }
  }
  return out;
}

/** Every file tryLoadOs looks at: while none of them changed (file-stamp.ts), its answer stands. */
const OS_FILES = ['ganeti_api_version', ...OS_SCRIPTS, 'parameters.list', 'variants.list'];
const validOses = new Map<string, { stamp: string; os: OsDefinition }>();

/** The OS named `full` (variant allowed); OpExecError with Ganeti's reason when missing or invalid.
 * Checked on every call as Ganeti does (two calls per instance add: verify, create), but a
 * valid definition is read and parsed again only when one of its files changed. */
export function loadOs(paths: Paths, full: string): OsDefinition {
  const { name } = splitOsName(full);
  for (const top of paths.osSearchPath) {
    const dir = join(top, name);
    let isDir = false;
    try { isDir = statSync(dir).isDirectory(); } catch { /* not in this search dir */ }
    if (!isDir) continue;
    const stamp = OS_FILES.map((f) => fileStamp(join(dir, f))).join('|');
    const hit = validOses.get(dir);
    if (hit?.stamp === stamp) return hit.os;
    const r = tryLoadOs(name, dir);
    if (!r.ok) { validOses.delete(dir); throw new OpExecError(r.reason, { ecode: 'environment_error' }); }
    validOses.set(dir, { stamp, os: r.os });
    return r.os;
  }
  throw new OpExecError(`Directory for OS ${name} not found in search path`, { ecode: 'unknown_entity' });
}

export interface OsEnvInput {
  instance: Instance__Output;
  diskPaths: readonly string[];
  debug: number;
}

/** The names declared in parameters.list ("name  description" lines; Ganeti's v.split(None, 1)). */
export function parameterNames(os: OsDefinition): string[] {
  return os.parameters.map((l) => l.split(/\s+/)[0]!).filter(Boolean);
}

/**
 * Ganeti's OSCoreEnv: what every script gets (create, verify, ...). The variant is not
 * checked here: the master refuses unknown ones unless --force-variant was given, and then
 * the script must see exactly what the user asked for.
 */
export function osCoreEnv(paths: Paths, os: OsDefinition, osName: string, osparams: Record<string, unknown>,
  debug: number): Record<string, string> {
  const api = Math.max(...os.apiVersions.filter((v) => OS_API_VERSIONS.includes(v)));
  const env: Record<string, string> = {
    OS_API_VERSION: String(api),
    OS_NAME: os.name,
    DEBUG_LEVEL: String(debug),
    PATH: HOOKS_PATH,
  };
  env.OS_VARIANT = api >= 15 && os.variants.length > 0 ? (splitOsName(osName).variant || os.variants[0]!) : '';
  for (const [k, v] of Object.entries(osparams)) env[`OSP_${k.toUpperCase()}`] = String(v);
  // A virtual node's scripts must resolve node paths (images, ...) under the node's root.
  if (paths.nodeRoot) {
    env.GANETI_ROOTDIR = paths.nodeRoot;
    env.GANETI_HOSTNAME = paths.hostname;
  }
  return env;
}

/** Ganeti's OSEnvironment for one instance: the core environment plus instance, disks, NICs. */
export function buildOsEnv(paths: Paths, os: OsDefinition, input: OsEnvInput): Record<string, string> {
  const inst = input.instance;
  const env = osCoreEnv(paths, os, inst.os, parseJsonObject(inst.osparams_json, 'osparams_json'), input.debug);
  env.INSTANCE_NAME = inst.name;
  env.INSTANCE_OS = inst.os;
  env.INSTANCE_UUID = inst.uuid;
  env.INSTANCE_PRIMARY_NODE = inst.primary_node;
  env.INSTANCE_SECONDARY_NODES = '';
  env.HYPERVISOR = inst.hypervisor;
  env.DISK_COUNT = String(inst.disks.length);
  env.NIC_COUNT = String(inst.nics.length);
  const hvparams = parseJsonObject(inst.hvparams_json, 'hvparams_json');
  inst.disks.forEach((disk, i) => {
    env[`DISK_${i}_PATH`] = input.diskPaths[i] ?? '';
    env[`DISK_${i}_ACCESS`] = disk.mode || 'rw';
    env[`DISK_${i}_UUID`] = disk.uuid;
    if (disk.name) env[`DISK_${i}_NAME`] = disk.name;
    if (typeof hvparams.disk_type === 'string') env[`DISK_${i}_FRONTEND_TYPE`] = hvparams.disk_type;
    if (templateCan(disk.dev_type, 'fileBased')) env[`DISK_${i}_BACKEND_TYPE`] = `file:${disk.logical_id[0] ?? 'loop'}`;
    // Not in Ganeti (its file disks are always raw): file disks here may be qcow2, and a
    // script writing an image must write it in the disk's own format.
    const format = parseJsonObject(disk.params_json, `disks[${i}].params_json`).format;
    if (typeof format === 'string' && format) env[`DISK_${i}_FORMAT`] = format;
  });
  inst.nics.forEach((nic, i) => {
    env[`NIC_${i}_MAC`] = nic.mac;
    env[`NIC_${i}_UUID`] = nic.uuid;
    if (nic.name) env[`NIC_${i}_NAME`] = nic.name;
    if (nic.ip) env[`NIC_${i}_IP`] = nic.ip;
    if (nic.mode) env[`NIC_${i}_MODE`] = nic.mode;
    if (nic.mode === 'bridged' && nic.link) env[`NIC_${i}_BRIDGE`] = nic.link;
    if (nic.link) env[`NIC_${i}_LINK`] = nic.link;
    if (typeof hvparams.nic_type === 'string') env[`NIC_${i}_FRONTEND_TYPE`] = hvparams.nic_type;
  });
  env.INSTANCE_BE_maxmem = String(inst.memory);
  env.INSTANCE_BE_vcpus = String(inst.vcpus);
  for (const [k, v] of Object.entries(hvparams)) env[`INSTANCE_HV_${k}`] = String(v);
  return env;
}

function parseJsonObject(text: string, field: string): Record<string, unknown> {
  if (!text) return {};
  let v: unknown;
  try { v = JSON.parse(text); } catch (err) {
    throw new OpExecError(`instance.${field} is not valid JSON: ${(err as Error).message}`, { ecode: 'wrong_input' });
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new OpExecError(`instance.${field} must be a JSON object`, { ecode: 'wrong_input' });
  }
  return v as Record<string, unknown>;
}

export interface OsScriptOutput { log: string; log_file: string }

export interface OsRunOptions { timeoutMs?: number; signal?: AbortSignal }

async function runOs(paths: Paths, os: OsDefinition, script: 'create' | 'rename', env: Record<string, string>,
  logName: string, what: string, opts: OsRunOptions): Promise<OsScriptOutput> {
  const logFile = join(paths.logDir, 'os', logName);
  const r = await runScript({
    script: join(os.path, script), cwd: os.path, env, logFile,
    timeoutMs: opts.timeoutMs ?? DEFAULT_OS_TIMEOUT_MS, ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (!r.ok) {
    throw new OpExecError(`OS ${what} script failed (${r.failReason}), last lines in the log file:\n${lastLines(r.output, 20)}`);
  }
  return { log: tailText(r.output, RESULT_LOG_BYTES), log_file: logFile };
}

/** InstanceOsAdd: runs `create` (INSTANCE_REINSTALL=1 on reinstall). */
export async function instanceOsAdd(paths: Paths, input: OsEnvInput & { reinstall: boolean }, opts: OsRunOptions = {}): Promise<OsScriptOutput> {
  const os = loadOs(paths, input.instance.os);
  const env = buildOsEnv(paths, os, input);
  if (input.reinstall) env.INSTANCE_REINSTALL = '1';
  const logName = `add-${input.instance.os}-${input.instance.name}-${timestampForFilename()}.log`;
  return runOs(paths, os, 'create', env, logName, 'create', opts);
}

/** InstanceOsRename: runs `rename` with OLD_INSTANCE_NAME (the instance carries the new name). */
export async function instanceOsRename(paths: Paths, input: OsEnvInput & { oldName: string }, opts: OsRunOptions = {}): Promise<OsScriptOutput> {
  const os = loadOs(paths, input.instance.os);
  const env = buildOsEnv(paths, os, input);
  env.OLD_INSTANCE_NAME = input.oldName;
  const logName = `rename-${input.instance.os}-${input.oldName}-${input.instance.name}-${timestampForFilename()}.log`;
  return runOs(paths, os, 'rename', env, logName, 'rename', opts);
}

/** The checks `verify` knows (Ganeti's constants.OS_VALIDATE_CALLS). */
export const OS_VALIDATE_CALLS: readonly string[] = ['parameters'];
const VERIFY_TIMEOUT_MS = 5 * 60_000;

export interface OsValidateInput {
  /** Full name, variant included: the script sees it as OS_VARIANT. */
  osName: string;
  osparams: Record<string, string>;
  checks: readonly string[];
  /** When false, a missing OS is not an error (found: false), as Ganeti's required flag. */
  required: boolean;
}

/**
 * Ganeti's ValidateOS: the parameters must be declared in parameters.list, then `verify`
 * runs with the checks as arguments and the OS parameters as OSP_* variables. Runs before
 * anything is created, so a bad parameter costs nothing.
 */
export async function validateOs(paths: Paths, input: OsValidateInput, opts: OsRunOptions = {}): Promise<{ found: boolean }> {
  const unknownChecks = input.checks.filter((c) => !OS_VALIDATE_CALLS.includes(c));
  if (unknownChecks.length) {
    throw new OpExecError(`Unknown checks required for OS ${input.osName}: ${unknownChecks.join(', ')} (known: ${OS_VALIDATE_CALLS.join(', ')})`,
      { ecode: 'wrong_input' });
  }
  let os: OsDefinition;
  try {
    os = loadOs(paths, input.osName);
  } catch (err) {
    if (!input.required) return { found: false };
    throw err;
  }
  if (Math.max(...os.apiVersions) < 20) return { found: true };
  if (input.checks.includes('parameters')) {
    const supported = parameterNames(os);
    const delta = Object.keys(input.osparams).filter((k) => !supported.includes(k)).sort();
    if (delta.length) {
      const allowed = supported.length ? `supported: ${supported.join(', ')}` : 'it has no parameters';
      throw new OpExecError(`The following parameters are not supported by the OS ${os.name}: ${delta.join(', ')} (${allowed})`,
        { ecode: 'wrong_input' });
    }
  }
  const env = osCoreEnv(paths, os, input.osName, input.osparams, 0);
  const r = await runScript({
    script: join(os.path, 'verify'), args: [...input.checks], cwd: os.path, env,
    timeoutMs: opts.timeoutMs ?? VERIFY_TIMEOUT_MS, ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (!r.ok) {
    throw new OpExecError(`OS validation script failed (${r.failReason}), output: ${tailText(r.output, RESULT_LOG_BYTES).trim()}`,
      { ecode: 'wrong_input' });
  }
  return { found: true };
}
