// Original file: proto/ganeti/node.proto

import type { JobQueueFile as _ganeti_JobQueueFile, JobQueueFile__Output as _ganeti_JobQueueFile__Output } from '../ganeti/JobQueueFile.js';

export interface JobQueueFiles {
  'files'?: (_ganeti_JobQueueFile)[];
}

export interface JobQueueFiles__Output {
  'files': (_ganeti_JobQueueFile__Output)[];
}
