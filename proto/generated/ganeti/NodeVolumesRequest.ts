// Original file: proto/ganeti/node.proto


export interface NodeVolumesRequest {
  'file_storage_dir'?: (string);
  'shared_file_storage_dir'?: (string);
}

export interface NodeVolumesRequest__Output {
  'file_storage_dir': (string);
  'shared_file_storage_dir': (string);
}
