// Original file: proto/ganeti/node.proto


export interface TestDelayRequest {
  'duration'?: (number | string);
}

export interface TestDelayRequest__Output {
  'duration': (number);
}
