// Original file: proto/ganeti/node.proto

import type { ExportFile as _ganeti_ExportFile, ExportFile__Output as _ganeti_ExportFile__Output } from '../ganeti/ExportFile.js';
import type { Disk as _ganeti_Disk, Disk__Output as _ganeti_Disk__Output } from '../ganeti/Disk.js';

export interface ExportPullRequest {
  'peer_name'?: (string);
  'peer_ip'?: (string);
  'area'?: (string);
  'name'?: (string);
  'files'?: (_ganeti_ExportFile)[];
  'target'?: (string);
  'target_name'?: (string);
  'disk'?: (_ganeti_Disk | null);
  'file_storage_dir'?: (string);
  'shared_file_storage_dir'?: (string);
  'compress'?: (string);
  'transport_compress'?: (string);
}

export interface ExportPullRequest__Output {
  'peer_name': (string);
  'peer_ip': (string);
  'area': (string);
  'name': (string);
  'files': (_ganeti_ExportFile__Output)[];
  'target': (string);
  'target_name': (string);
  'disk': (_ganeti_Disk__Output | null);
  'file_storage_dir': (string);
  'shared_file_storage_dir': (string);
  'compress': (string);
  'transport_compress': (string);
}
