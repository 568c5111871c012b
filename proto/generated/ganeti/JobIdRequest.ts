// Original file: proto/ganeti/master.proto

import type { Long } from '@grpc/proto-loader';

export interface JobIdRequest {
  'job_id'?: (number | string | Long);
  'kill'?: (boolean);
}

export interface JobIdRequest__Output {
  'job_id': (number);
  'kill': (boolean);
}
