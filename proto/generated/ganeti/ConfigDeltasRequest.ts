// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface ConfigDeltasRequest {
  'full'?: (Buffer | Uint8Array | string);
  'full_serial'?: (number | string | Long);
  'deltas'?: (string)[];
  'ssconf'?: ({[key: string]: string});
}

export interface ConfigDeltasRequest__Output {
  'full': (Buffer);
  'full_serial': (number);
  'deltas': (string)[];
  'ssconf': ({[key: string]: string});
}
