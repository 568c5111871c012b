// Original file: proto/ganeti/node.proto

import type { InstanceRuntime as _ganeti_InstanceRuntime, InstanceRuntime__Output as _ganeti_InstanceRuntime__Output } from '../ganeti/InstanceRuntime.js';

export interface InstanceListResponse {
  'instances'?: (_ganeti_InstanceRuntime)[];
}

export interface InstanceListResponse__Output {
  'instances': (_ganeti_InstanceRuntime__Output)[];
}
