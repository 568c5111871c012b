import { hcheck } from './hcheck.js';
import { runTool } from './run.js';

runTool('hcheck', hcheck);
