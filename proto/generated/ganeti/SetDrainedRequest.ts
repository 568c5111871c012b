// Original file: proto/ganeti/master.proto


export interface SetDrainedRequest {
  'drained'?: (boolean);
}

export interface SetDrainedRequest__Output {
  'drained': (boolean);
}
