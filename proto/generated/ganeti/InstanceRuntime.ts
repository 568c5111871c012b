// Original file: proto/ganeti/node.proto

import type { Long } from '@grpc/proto-loader';

export interface InstanceRuntime {
  'name'?: (string);
  'state'?: (string);
  'memory'?: (number | string | Long);
  'vcpus'?: (number);
  'hypervisor'?: (string);
  'console_json'?: (string);
}

export interface InstanceRuntime__Output {
  'name': (string);
  'state': (string);
  'memory': (number);
  'vcpus': (number);
  'hypervisor': (string);
  'console_json': (string);
}
