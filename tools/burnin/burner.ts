// The state one burnin run carries from step to step (burnin.py's Burner object).
import type { MasterApi } from '../../daemons/common/client/master-api.js';
import type { ClusterState } from './cluster-state.js';
import type { JobRunner } from './jobs.js';
import type { BurninLog } from './log.js';
import type { OpBuilder } from './ops.js';
import type { BurninOptions } from './options.js';

export interface Burner {
  readonly opts: BurninOptions;
  readonly state: ClusterState;
  readonly master: MasterApi;
  readonly jobs: JobRunner;
  readonly log: BurninLog;
  readonly op: OpBuilder;
  /** Instances this run created and has not removed yet: what cleanup removes. */
  toRemove: string[];
  /** An instance in the middle of the --rename sequence (its name may be either). */
  renaming: { from: string; to: string } | null;
}
