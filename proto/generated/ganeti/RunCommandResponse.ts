// Original file: proto/ganeti/node.proto


export interface RunCommandResponse {
  'output'?: (Buffer | Uint8Array | string);
  'exit_code'?: (number);
}

export interface RunCommandResponse__Output {
  'output': (Buffer);
  'exit_code': (number);
}
