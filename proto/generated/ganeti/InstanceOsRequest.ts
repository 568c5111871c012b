// Original file: proto/ganeti/node.proto

import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from '../ganeti/Instance.js';

export interface InstanceOsRequest {
  'instance'?: (_ganeti_Instance | null);
  'reinstall'?: (boolean);
  'debug'?: (number);
}

export interface InstanceOsRequest__Output {
  'instance': (_ganeti_Instance__Output | null);
  'reinstall': (boolean);
  'debug': (number);
}
