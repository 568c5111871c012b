// Original file: proto/ganeti/node.proto


export interface NodeVerifyRequest {
  'hypervisors'?: (string)[];
  'cluster_name'?: (string);
  'file_checksums'?: ({[key: string]: string});
  'ssconf_keys'?: (string)[];
  'oob_paths'?: (string)[];
}

export interface NodeVerifyRequest__Output {
  'hypervisors': (string)[];
  'cluster_name': (string);
  'file_checksums': ({[key: string]: string});
  'ssconf_keys': (string)[];
  'oob_paths': (string)[];
}
