// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface ConfigDeltasResponse {
  'serial'?: (number | string | Long);
  'needs_full'?: (boolean);
  'ssconf_error'?: (string);
}

export interface ConfigDeltasResponse__Output {
  'serial': (number);
  'needs_full': (boolean);
  'ssconf_error': (string);
}
