// Original file: proto/ganeti/node.proto

import type { Disk as _ganeti_Disk, Disk__Output as _ganeti_Disk__Output } from '../ganeti/Disk.js';

export interface BlockdevRenameRequest {
  'disk'?: (_ganeti_Disk | null);
  'new_logical_id'?: (string)[];
  'file_storage_dir'?: (string);
}

export interface BlockdevRenameRequest__Output {
  'disk': (_ganeti_Disk__Output | null);
  'new_logical_id': (string)[];
  'file_storage_dir': (string);
}
