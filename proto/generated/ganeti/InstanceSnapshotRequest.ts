// Original file: proto/ganeti/node.proto

import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from '../ganeti/Instance.js';

export interface InstanceSnapshotRequest {
  'instance'?: (_ganeti_Instance | null);
  'snap_name'?: (string);
  'file_storage_dir'?: (string);
  'shared_file_storage_dir'?: (string);
  'memory'?: (boolean);
}

export interface InstanceSnapshotRequest__Output {
  'instance': (_ganeti_Instance__Output | null);
  'snap_name': (string);
  'file_storage_dir': (string);
  'shared_file_storage_dir': (string);
  'memory': (boolean);
}
