// Original file: proto/ganeti/master.proto

import type { SubmitResult as _ganeti_SubmitResult, SubmitResult__Output as _ganeti_SubmitResult__Output } from '../ganeti/SubmitResult.js';

export interface SubmitJobsResponse {
  'results'?: (_ganeti_SubmitResult)[];
}

export interface SubmitJobsResponse__Output {
  'results': (_ganeti_SubmitResult__Output)[];
}
