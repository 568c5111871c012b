// Original file: proto/ganeti/node.proto

import type { Disk as _ganeti_Disk, Disk__Output as _ganeti_Disk__Output } from '../ganeti/Disk.js';
import type { Long } from '@grpc/proto-loader';

export interface BlockdevGrowRequest {
  'disk'?: (_ganeti_Disk | null);
  'amount'?: (number | string | Long);
  'file_storage_dir'?: (string);
  'shared_file_storage_dir'?: (string);
}

export interface BlockdevGrowRequest__Output {
  'disk': (_ganeti_Disk__Output | null);
  'amount': (number);
  'file_storage_dir': (string);
  'shared_file_storage_dir': (string);
}
