// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface BlockdevCreateResponse {
  'path'?: (string);
  'logical_id'?: (string)[];
  'size'?: (number | string | Long);
}

export interface BlockdevCreateResponse__Output {
  'path': (string);
  'logical_id': (string)[];
  'size': (number);
}
