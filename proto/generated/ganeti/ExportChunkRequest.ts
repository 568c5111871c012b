// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface ExportChunkRequest {
  'area'?: (string);
  'name'?: (string);
  'file'?: (string);
  'offset'?: (number | string | Long);
  'length'?: (number | string | Long);
  'compress'?: (string);
}

export interface ExportChunkRequest__Output {
  'area': (string);
  'name': (string);
  'file': (string);
  'offset': (number);
  'length': (number);
  'compress': (string);
}
