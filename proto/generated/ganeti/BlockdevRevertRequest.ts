// Original file: proto/ganeti/node.proto

import type { Disk as _ganeti_Disk, Disk__Output as _ganeti_Disk__Output } from '../ganeti/Disk.js';

export interface BlockdevRevertRequest {
  'disk'?: (_ganeti_Disk | null);
  'snapshot_logical_id'?: (string)[];
  'file_storage_dir'?: (string);
  'shared_file_storage_dir'?: (string);
}

export interface BlockdevRevertRequest__Output {
  'disk': (_ganeti_Disk__Output | null);
  'snapshot_logical_id': (string)[];
  'file_storage_dir': (string);
  'shared_file_storage_dir': (string);
}
