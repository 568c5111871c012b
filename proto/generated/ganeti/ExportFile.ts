// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface ExportFile {
  'file'?: (string);
  'size'?: (number | string | Long);
  'sha256'?: (string);
}

export interface ExportFile__Output {
  'file': (string);
  'size': (number);
  'sha256': (string);
}
