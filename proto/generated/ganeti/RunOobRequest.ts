// Original file: proto/ganeti/node.proto


export interface RunOobRequest {
  'program'?: (string);
  'command'?: (string);
  'node'?: (string);
  'timeout'?: (number);
}

export interface RunOobRequest__Output {
  'program': (string);
  'command': (string);
  'node': (string);
  'timeout': (number);
}
