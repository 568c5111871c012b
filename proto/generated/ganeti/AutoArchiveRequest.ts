// Original file: proto/ganeti/master.proto

import type { Long } from '@grpc/proto-loader';

export interface AutoArchiveRequest {
  'age'?: (number | string | Long);
}

export interface AutoArchiveRequest__Output {
  'age': (number);
}
