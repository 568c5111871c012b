// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface StorageInfo {
  'type'?: (string);
  'name'?: (string);
  'total'?: (number | string | Long);
  'free'?: (number | string | Long);
  'reported'?: (boolean);
}

export interface StorageInfo__Output {
  'type': (string);
  'name': (string);
  'total': (number);
  'free': (number);
  'reported': (boolean);
}
