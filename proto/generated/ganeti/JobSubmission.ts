// Original file: proto/ganeti/master.proto


export interface JobSubmission {
  'ops_json'?: (string);
}

export interface JobSubmission__Output {
  'ops_json': (string);
}
