// Original file: proto/ganeti/node.proto

import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from '../ganeti/Instance.js';

export interface InstanceMigrateRequest {
  'instance'?: (_ganeti_Instance | null);
  'target'?: (string);
  'live'?: (boolean);
  'cluster_name'?: (string);
}

export interface InstanceMigrateRequest__Output {
  'instance': (_ganeti_Instance__Output | null);
  'target': (string);
  'live': (boolean);
  'cluster_name': (string);
}
