// Original file: proto/ganeti/node.proto


export interface NodeInfoRequest {
  'hypervisors'?: (string)[];
  'storage_units'?: (string)[];
}

export interface NodeInfoRequest__Output {
  'hypervisors': (string)[];
  'storage_units': (string)[];
}
