// ganeti-cluster-init: the daemon side of `gnt-cluster init`. The CLI parses the user's
// options and starts this program with InitClusterOptions as JSON on stdin; the bootstrap
// runs here, so that no client program imports master code. Output: JSON lines on stdout
// (InitProgramMessage), exit 0 when the cluster is up, 1 otherwise.
import type { InitClusterOptions } from '../common/cluster-init-options.js';
import { ParameterError } from '../common/errors.js';
import { initCluster } from './bootstrap/cluster-init.js';
import { runJsonProgram } from './json-program.js';

function parseOptions(text: string): InitClusterOptions {
  let v: unknown;
  try { v = JSON.parse(text); } catch {
    throw new ParameterError(`${process.argv[1] ?? 'ganeti-cluster-init'} expects the cluster options as JSON on stdin`, { ecode: 'wrong_input' });
  }
  if (!v || typeof v !== 'object' || Array.isArray(v) || typeof (v as { cluster_name?: unknown }).cluster_name !== 'string') {
    throw new ParameterError('The cluster options must be an object with cluster_name', { ecode: 'wrong_input' });
  }
  return v as InitClusterOptions;
}

// No top-level await: bundled as CommonJS (tools/build/bundle.mjs, CJS_TOOLS).
void runJsonProgram(parseOptions, initCluster).then((code) => { process.exitCode = code; });
