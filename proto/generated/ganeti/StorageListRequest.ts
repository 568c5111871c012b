// Original file: proto/ganeti/node.proto


export interface StorageListRequest {
  'storage_type'?: (string);
  'file_storage_dir'?: (string);
  'shared_file_storage_dir'?: (string);
}

export interface StorageListRequest__Output {
  'storage_type': (string);
  'file_storage_dir': (string);
  'shared_file_storage_dir': (string);
}
