import { hinfo } from './hinfo.js';
import { runTool } from './run.js';

runTool('hinfo', hinfo);
