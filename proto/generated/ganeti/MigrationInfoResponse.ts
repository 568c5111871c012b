// Original file: proto/ganeti/node.proto


export interface MigrationInfoResponse {
  'info'?: (string);
}

export interface MigrationInfoResponse__Output {
  'info': (string);
}
