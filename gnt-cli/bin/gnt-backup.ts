#!/usr/bin/env node
// gnt-backup entry point: the spec and the shared runner; verbs load lazily.
import { exitAfterFlush } from '../../daemons/common/client/process-io.js';
import { processIo } from '../framework/io.js';
import { run } from '../framework/runner.js';
import { spec } from '../gnt-backup/command.js';

await exitAfterFlush(await run(spec, process.argv.slice(2), processIo()));
