import { hbal } from './hbal.js';
import { runTool } from './run.js';

runTool('hbal', hbal);
