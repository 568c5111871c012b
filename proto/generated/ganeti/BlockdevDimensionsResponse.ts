// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface BlockdevDimensionsResponse {
  'found'?: (boolean);
  'size'?: (number | string | Long);
}

export interface BlockdevDimensionsResponse__Output {
  'found': (boolean);
  'size': (number);
}
