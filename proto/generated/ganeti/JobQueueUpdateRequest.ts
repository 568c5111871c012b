// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface JobQueueUpdateRequest {
  'master'?: (string);
  'epoch'?: (number | string | Long);
  'seq'?: (number | string | Long);
  'full'?: (boolean);
  'entries'?: (string)[];
  'after'?: (number | string | Long);
}

export interface JobQueueUpdateRequest__Output {
  'master': (string);
  'epoch': (number);
  'seq': (number);
  'full': (boolean);
  'entries': (string)[];
  'after': (number);
}
