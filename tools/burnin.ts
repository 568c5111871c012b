#!/usr/bin/env node
// burnin: Ganeti's cluster stress test (create instances, exercise every operation on
// them, remove them). The code lives in tools/burnin/; see docs/burnin.md.
import { main } from './burnin/main.js';
import { exitAfterFlush } from '../daemons/common/client/process-io.js';

// No top-level await: bundled as CommonJS (tools/build/bundle.mjs, CJS_TOOLS).
void main(process.argv.slice(2)).then(exitAfterFlush);
