// Original file: proto/ganeti/node.proto


export interface RunCommandRequest {
  'argv'?: (string)[];
}

export interface RunCommandRequest__Output {
  'argv': (string)[];
}
