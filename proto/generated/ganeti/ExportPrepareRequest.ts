// Original file: proto/ganeti/node.proto

import type { Disk as _ganeti_Disk, Disk__Output as _ganeti_Disk__Output } from '../ganeti/Disk.js';

export interface ExportPrepareRequest {
  'name'?: (string);
  'disks'?: (_ganeti_Disk)[];
  'file_storage_dir'?: (string);
  'shared_file_storage_dir'?: (string);
  'compress'?: (string);
}

export interface ExportPrepareRequest__Output {
  'name': (string);
  'disks': (_ganeti_Disk__Output)[];
  'file_storage_dir': (string);
  'shared_file_storage_dir': (string);
  'compress': (string);
}
