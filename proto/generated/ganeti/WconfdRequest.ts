// Original file: proto/ganeti/master.proto


export interface WconfdRequest {
  'command'?: (string);
  'args'?: (string)[];
}

export interface WconfdRequest__Output {
  'command': (string);
  'args': (string)[];
}
