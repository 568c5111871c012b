// Original file: proto/ganeti/node.proto


export interface RunOobResponse {
  'stdout'?: (string);
}

export interface RunOobResponse__Output {
  'stdout': (string);
}
