// Original file: proto/ganeti/node.proto

import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from '../ganeti/Instance.js';

export interface InstanceStartRequest {
  'instance'?: (_ganeti_Instance | null);
  'paused'?: (boolean);
}

export interface InstanceStartRequest__Output {
  'instance': (_ganeti_Instance__Output | null);
  'paused': (boolean);
}
