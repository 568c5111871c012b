// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface BlockdevGrowResponse {
  'size'?: (number | string | Long);
}

export interface BlockdevGrowResponse__Output {
  'size': (number);
}
