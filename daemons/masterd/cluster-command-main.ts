// ganeti-cluster-command: the daemon side of gnt-cluster command, copyfile and destroy's
// last step (bootstrap/cluster-command.ts), run on the master. Like ganeti-master-failover:
// options as JSON on stdin, JSON lines on stdout (json-program.ts); each result is one
// feedback line holding a ClusterCommandMessage.
import { parseClusterCommandOptions } from '../common/cluster-command-options.js';
import { createLogger, setLogFile } from '../common/log.js';
import { resolvePaths } from '../common/paths.js';
import { ensureDir } from '../common/atomic-file.js';
import { runClusterCommand } from './bootstrap/cluster-command.js';
import { runJsonProgram } from './json-program.js';

// No top-level await: bundled as CommonJS (tools/build/bundle.mjs, CJS_TOOLS).
void runJsonProgram(parseClusterCommandOptions, async (opts, feedback) => {
  const paths = resolvePaths(process.env);
  await ensureDir(paths.logDir);
  setLogFile(paths.logFile('cluster-command'));
  await runClusterCommand(paths, opts, createLogger('cluster-command'), (msg) => feedback(JSON.stringify(msg)));
}).then((code) => { process.exitCode = code; });
