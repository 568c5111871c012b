// Original file: proto/ganeti/master.proto

import type { Long } from '@grpc/proto-loader';

export interface AutoArchiveResponse {
  'archived'?: (number | string | Long);
  'left'?: (number | string | Long);
}

export interface AutoArchiveResponse__Output {
  'archived': (number);
  'left': (number);
}
