// ganeti-master-failover: the daemon side of `gnt-cluster master-failover`, run on the
// candidate that becomes master (bootstrap/master-failover.ts). Like ganeti-cluster-init:
// options as JSON on stdin, JSON lines on stdout (json-program.ts).
import { ParameterError } from '../common/errors.js';
import { createLogger, setLogFile } from '../common/log.js';
import { resolvePaths } from '../common/paths.js';
import { ensureDir } from '../common/atomic-file.js';
import { masterFailover, type MasterFailoverOptions } from './bootstrap/master-failover.js';
import { runJsonProgram } from './json-program.js';

function parseOptions(text: string): MasterFailoverOptions {
  let v: unknown;
  try { v = JSON.parse(text); } catch { v = null; }
  if (!v || typeof v !== 'object' || typeof (v as { no_voting?: unknown }).no_voting !== 'boolean') {
    throw new ParameterError('ganeti-master-failover expects {"no_voting": true|false} as JSON on stdin', { ecode: 'wrong_input' });
  }
  return v as MasterFailoverOptions;
}

// No top-level await: bundled as CommonJS (tools/build/bundle.mjs, CJS_TOOLS).
void runJsonProgram(parseOptions, async (opts, feedback) => {
  const paths = resolvePaths(process.env);
  await ensureDir(paths.logDir);
  setLogFile(paths.logFile('master-failover'));
  await masterFailover(paths, opts, createLogger('master-failover'), feedback);
}).then((code) => { process.exitCode = code; });
