// Original file: /work/main/proto/ganeti/node.proto


export interface TestDelayRequest {
  'duration'?: (number | string);
}

export interface TestDelayRequest__Output {
  'duration': (number);
}
