// Original file: proto/ganeti/node.proto

import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from '../ganeti/Instance.js';
import type { Long } from '@grpc/proto-loader';

export interface InstanceShutdownRequest {
  'instance'?: (_ganeti_Instance | null);
  'timeout_ms'?: (number | string | Long);
  'force'?: (boolean);
}

export interface InstanceShutdownRequest__Output {
  'instance': (_ganeti_Instance__Output | null);
  'timeout_ms': (number);
  'force': (boolean);
}
