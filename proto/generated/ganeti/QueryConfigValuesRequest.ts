// Original file: proto/ganeti/master.proto


export interface QueryConfigValuesRequest {
  'keys'?: (string)[];
}

export interface QueryConfigValuesRequest__Output {
  'keys': (string)[];
}
