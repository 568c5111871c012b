// Original file: proto/ganeti/node.proto

import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from '../ganeti/Instance.js';

export interface AcceptInstanceRequest {
  'instance'?: (_ganeti_Instance | null);
  'info'?: (string);
  'target'?: (string);
}

export interface AcceptInstanceRequest__Output {
  'instance': (_ganeti_Instance__Output | null);
  'info': (string);
  'target': (string);
}
