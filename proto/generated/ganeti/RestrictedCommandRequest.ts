// Original file: proto/ganeti/node.proto


export interface RestrictedCommandRequest {
  'command'?: (string);
}

export interface RestrictedCommandRequest__Output {
  'command': (string);
}
