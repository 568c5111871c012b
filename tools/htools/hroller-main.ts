import { hroller } from './hroller.js';
import { runTool } from './run.js';

runTool('hroller', hroller);
