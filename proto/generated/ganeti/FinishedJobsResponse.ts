// Original file: proto/ganeti/master.proto

import type { JobChange as _ganeti_JobChange, JobChange__Output as _ganeti_JobChange__Output } from '../ganeti/JobChange.js';

export interface FinishedJobsResponse {
  'jobs'?: (_ganeti_JobChange)[];
}

export interface FinishedJobsResponse__Output {
  'jobs': (_ganeti_JobChange__Output)[];
}
