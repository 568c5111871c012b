// Original file: /work/main/proto/ganeti/node.proto


export interface MigrationInfoResponse {
  'info'?: (string);
}

export interface MigrationInfoResponse__Output {
  'info': (string);
}
