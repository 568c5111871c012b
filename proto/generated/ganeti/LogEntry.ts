// Original file: proto/ganeti/master.proto

import type { Long } from '@grpc/proto-loader';

export interface LogEntry {
  'serial'?: (number | string | Long);
  'timestamp'?: (number | string);
  'type'?: (string);
  'message'?: (string);
}

export interface LogEntry__Output {
  'serial': (number);
  'timestamp': (number);
  'type': (string);
  'message': (string);
}
