// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface NodeVerifyResponse {
  'software_version'?: (string);
  'protocol_version'?: (number);
  'file_checksums'?: ({[key: string]: string});
  'hypervisor_errors'?: (string)[];
  'instances'?: (string)[];
  'time_ms'?: (number | string | Long);
  'os_errors'?: (string)[];
  'storage_error'?: (string);
  'lifecycle_leftovers'?: (string)[];
  'oob_path_errors'?: (string)[];
}

export interface NodeVerifyResponse__Output {
  'software_version': (string);
  'protocol_version': (number);
  'file_checksums': ({[key: string]: string});
  'hypervisor_errors': (string)[];
  'instances': (string)[];
  'time_ms': (number);
  'os_errors': (string)[];
  'storage_error': (string);
  'lifecycle_leftovers': (string)[];
  'oob_path_errors': (string)[];
}
