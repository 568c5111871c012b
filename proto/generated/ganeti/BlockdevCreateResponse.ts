// Original file: /work/main/proto/ganeti/node.proto


export interface BlockdevCreateResponse {
  'path'?: (string);
  'logical_id'?: (string)[];
}

export interface BlockdevCreateResponse__Output {
  'path': (string);
  'logical_id': (string)[];
}
