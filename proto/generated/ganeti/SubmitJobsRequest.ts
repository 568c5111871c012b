// Original file: proto/ganeti/master.proto

import type { JobSubmission as _ganeti_JobSubmission, JobSubmission__Output as _ganeti_JobSubmission__Output } from '../ganeti/JobSubmission.js';

export interface SubmitJobsRequest {
  'jobs'?: (_ganeti_JobSubmission)[];
}

export interface SubmitJobsRequest__Output {
  'jobs': (_ganeti_JobSubmission__Output)[];
}
