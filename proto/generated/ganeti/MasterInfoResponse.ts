// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface MasterInfoResponse {
  'master_node'?: (string);
  'config_serial'?: (number | string | Long);
  'has_config'?: (boolean);
}

export interface MasterInfoResponse__Output {
  'master_node': (string);
  'config_serial': (number);
  'has_config': (boolean);
}
