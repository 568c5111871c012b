import { hail } from './hail.js';
import { runTool } from './run.js';

runTool('hail', hail);
