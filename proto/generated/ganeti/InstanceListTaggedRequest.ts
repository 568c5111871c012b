// Original file: proto/ganeti/node.proto


export interface InstanceListTaggedRequest {
  'hypervisors'?: (string)[];
  'known_tag'?: (string);
}

export interface InstanceListTaggedRequest__Output {
  'hypervisors': (string)[];
  'known_tag': (string);
}
