// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface StorageUnit {
  'type'?: (string);
  'name'?: (string);
  'size'?: (number | string | Long);
  'used'?: (number | string | Long);
  'free'?: (number | string | Long);
  'allocatable'?: (boolean);
}

export interface StorageUnit__Output {
  'type': (string);
  'name': (string);
  'size': (number);
  'used': (number);
  'free': (number);
  'allocatable': (boolean);
}
