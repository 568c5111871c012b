#!/usr/bin/env node
// gnt-job entry point: the spec and the shared runner; verbs load lazily.
import { exitAfterFlush } from '../../daemons/common/client/process-io.js';
import { processIo } from '../framework/io.js';
import { run } from '../framework/runner.js';
import { spec } from '../gnt-job/command.js';

// No top-level await: the command is bundled as CommonJS (tools/build/bundle.mjs, CJS_TOOLS).
void run(spec, process.argv.slice(2), processIo()).then(exitAfterFlush);
