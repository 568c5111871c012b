// Original file: proto/ganeti/node.proto


export interface RestrictedCommandResponse {
  'output'?: (string);
}

export interface RestrictedCommandResponse__Output {
  'output': (string);
}
