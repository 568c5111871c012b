// Original file: proto/ganeti/master.proto

import type { Long } from '@grpc/proto-loader';

export interface WatchJobRequest {
  'job_id'?: (number | string | Long);
  'since_log_serial'?: (number | string | Long);
}

export interface WatchJobRequest__Output {
  'job_id': (number);
  'since_log_serial': (number);
}
