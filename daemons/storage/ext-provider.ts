// ExtStorage providers (ganeti-extstorage-interface(7)): a directory named after the
// provider under the ExtStorage search path, holding the executables create, attach, detach,
// remove, grow, setinfo, verify (optionally open, close, snapshot) and parameters.list;
// optionally revert too (this project's addition: the interface has none, see docs/lifecycle.md).
import { accessSync, constants as fsConstants, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BlockDeviceError } from '../common/errors.js';
import type { Paths } from '../common/paths.js';
import { EXT_SEARCH_PATH } from '../common/shipped-files.js';

/** Ganeti's ES_SEARCH_PATH (node-independent), defined with the shipped providers. */
export { EXT_SEARCH_PATH };
export const REQUIRED_SCRIPTS = ['create', 'attach', 'detach', 'remove', 'grow', 'setinfo', 'verify'] as const;
export const OPTIONAL_SCRIPTS = ['open', 'close', 'snapshot', 'revert'] as const;
export type ExtAction = (typeof REQUIRED_SCRIPTS)[number] | (typeof OPTIONAL_SCRIPTS)[number];
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,62}$/;

export interface ExtProvider {
  name: string;
  path: string;                        // this node's directory of the provider
  valid: boolean;
  diagnose: string;                    // why it is not valid ('' when valid)
  parameters: [string, string][];      // parameters.list: name, description
  optional: Set<string>;               // optional scripts that are present
}

export function extSearchDir(paths: Paths): string {
  return paths.local(EXT_SEARCH_PATH);
}

function isExecutableFile(path: string): string {
  let st;
  try { st = statSync(path); } catch { return 'missing'; }
  if (!st.isFile()) return 'not a regular file';
  try { accessSync(path, fsConstants.X_OK); } catch { return 'not executable'; }
  return '';
}

/** parameters.list: one parameter per line, its name then its description. */
export function parseParametersList(text: string): [string, string][] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => {
    const m = /^(\S+)\s*(.*)$/.exec(l)!;
    return [m[1]!, m[2]!];
  });
}

/** Reads one provider's directory; never throws for a broken provider (valid=false says why). */
export function readProvider(paths: Paths, name: string): ExtProvider {
  const path = join(extSearchDir(paths), name);
  const out: ExtProvider = { name, path, valid: false, diagnose: '', parameters: [], optional: new Set() };
  if (!NAME_RE.test(name)) { out.diagnose = `invalid provider name '${name}'`; return out; }
  try {
    if (!statSync(path).isDirectory()) { out.diagnose = `${path} is not a directory`; return out; }
  } catch {
    out.diagnose = `provider directory ${path} not found`;
    return out;
  }
  const problems: string[] = [];
  for (const s of REQUIRED_SCRIPTS) {
    const why = isExecutableFile(join(path, s));
    if (why) problems.push(`script '${s}' is ${why}`);
  }
  for (const s of OPTIONAL_SCRIPTS) if (!isExecutableFile(join(path, s))) out.optional.add(s);
  try {
    out.parameters = parseParametersList(readFileSync(join(path, 'parameters.list'), 'utf8'));
  } catch (err) {
    problems.push(`cannot read parameters.list: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  out.diagnose = problems.join('; ');
  out.valid = problems.length === 0;
  return out;
}

/** The provider, valid, or a BlockDeviceError naming what is wrong with it. */
export function loadProvider(paths: Paths, name: string): ExtProvider {
  const p = readProvider(paths, name);
  if (!p.valid) {
    const known = listProviders(paths).filter((x) => x.valid).map((x) => x.name);
    throw new BlockDeviceError(`ExtStorage provider '${name}' is not usable on node ${paths.hostname}: ${p.diagnose}` +
      ` (valid providers: ${known.join(', ') || 'none'})`, { ecode: 'wrong_input' });
  }
  return p;
}

/** Every provider directory in the search path (gnt-storage diagnose). */
export function listProviders(paths: Paths): ExtProvider[] {
  let names: string[] = [];
  try {
    names = readdirSync(extSearchDir(paths), { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch { /* no search dir: no providers */ }
  return names.sort().map((n) => readProvider(paths, n));
}

/** Refuses ext parameters the provider does not declare in parameters.list. */
export function checkExtParams(provider: ExtProvider, params: Record<string, string>): void {
  const known = provider.parameters.map(([n]) => n);
  const unknown = Object.keys(params).filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new BlockDeviceError(`ExtStorage provider '${provider.name}' does not take parameter(s) ${unknown.join(', ')}` +
      ` (it takes: ${known.join(', ') || 'none'})`, { ecode: 'wrong_input' });
  }
}
