// gnt-storage: ExtStorage providers (Ganeti's commands table).
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-storage',
  verbs: {
    diagnose: { usage: '', description: 'Diagnose all ExtStorage providers', load: () => import('./diagnose.js') },
    info: { usage: '[<provider>...]', description: 'Show info about ExtStorage providers', load: () => import('./info.js') },
  },
};
