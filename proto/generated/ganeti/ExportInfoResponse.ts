// Original file: proto/ganeti/node.proto


export interface ExportInfoResponse {
  'config'?: (string);
}

export interface ExportInfoResponse__Output {
  'config': (string);
}
