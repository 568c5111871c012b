// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface MigrationStatusResponse {
  'status'?: (string);
  'transferred_ram'?: (number | string | Long);
  'total_ram'?: (number | string | Long);
  'info'?: (string);
}

export interface MigrationStatusResponse__Output {
  'status': (string);
  'transferred_ram': (number);
  'total_ram': (number);
  'info': (string);
}
