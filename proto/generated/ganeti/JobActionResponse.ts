// Original file: proto/ganeti/master.proto


export interface JobActionResponse {
  'ok'?: (boolean);
  'message'?: (string);
}

export interface JobActionResponse__Output {
  'ok': (boolean);
  'message': (string);
}
