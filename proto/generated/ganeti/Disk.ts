// Original file: proto/ganeti/common.proto

import type { Long } from '@grpc/proto-loader';

export interface Disk {
  'uuid'?: (string);
  'name'?: (string);
  'dev_type'?: (string);
  'size'?: (number | string | Long);
  'logical_id'?: (string)[];
  'iv_name'?: (string);
  'mode'?: (string);
  'params_json'?: (string);
}

export interface Disk__Output {
  'uuid': (string);
  'name': (string);
  'dev_type': (string);
  'size': (number);
  'logical_id': (string)[];
  'iv_name': (string);
  'mode': (string);
  'params_json': (string);
}
