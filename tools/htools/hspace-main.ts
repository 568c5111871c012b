import { hspace } from './hspace.js';
import { runTool } from './run.js';

runTool('hspace', hspace);
