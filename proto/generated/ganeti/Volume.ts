// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface Volume {
  'type'?: (string);
  'phys'?: (string);
  'vg'?: (string);
  'name'?: (string);
  'size'?: (number | string | Long);
}

export interface Volume__Output {
  'type': (string);
  'phys': (string);
  'vg': (string);
  'name': (string);
  'size': (number);
}
