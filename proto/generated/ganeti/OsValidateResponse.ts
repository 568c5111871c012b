// Original file: proto/ganeti/node.proto


export interface OsValidateResponse {
  'found'?: (boolean);
}

export interface OsValidateResponse__Output {
  'found': (boolean);
}
