// Original file: proto/ganeti/master.proto

import type { Long } from '@grpc/proto-loader';

export interface ChangePriorityRequest {
  'job_id'?: (number | string | Long);
  'priority'?: (number);
}

export interface ChangePriorityRequest__Output {
  'job_id': (number);
  'priority': (number);
}
