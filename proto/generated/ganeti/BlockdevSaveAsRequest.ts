// Original file: proto/ganeti/node.proto

import type { Disk as _ganeti_Disk, Disk__Output as _ganeti_Disk__Output } from '../ganeti/Disk.js';

export interface BlockdevSaveAsRequest {
  'disk'?: (_ganeti_Disk | null);
  'image_path'?: (string);
  'file_storage_dir'?: (string);
  'shared_file_storage_dir'?: (string);
}

export interface BlockdevSaveAsRequest__Output {
  'disk': (_ganeti_Disk__Output | null);
  'image_path': (string);
  'file_storage_dir': (string);
  'shared_file_storage_dir': (string);
}
