// Original file: proto/ganeti/master.proto

import type { Long } from '@grpc/proto-loader';

export interface JobIdsRequest {
  'job_ids'?: (number | string | Long)[];
  'wait_ms'?: (number | string | Long);
}

export interface JobIdsRequest__Output {
  'job_ids': (number)[];
  'wait_ms': (number);
}
