// Original file: proto/ganeti/node.proto


export interface BlockdevAssembleResponse {
  'path'?: (string);
}

export interface BlockdevAssembleResponse__Output {
  'path': (string);
}
