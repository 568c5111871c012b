// Original file: proto/ganeti/node.proto

import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from '../ganeti/Instance.js';

export interface InstanceOsRenameRequest {
  'instance'?: (_ganeti_Instance | null);
  'old_name'?: (string);
}

export interface InstanceOsRenameRequest__Output {
  'instance': (_ganeti_Instance__Output | null);
  'old_name': (string);
}
