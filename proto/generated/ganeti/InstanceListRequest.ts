// Original file: proto/ganeti/node.proto


export interface InstanceListRequest {
  'hypervisors'?: (string)[];
}

export interface InstanceListRequest__Output {
  'hypervisors': (string)[];
}
