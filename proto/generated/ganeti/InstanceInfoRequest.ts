// Original file: proto/ganeti/node.proto


export interface InstanceInfoRequest {
  'name'?: (string);
  'hypervisor'?: (string);
}

export interface InstanceInfoRequest__Output {
  'name': (string);
  'hypervisor': (string);
}
