// Original file: proto/ganeti/node.proto


export interface ExportListResponse {
  'exports'?: (string)[];
}

export interface ExportListResponse__Output {
  'exports': (string)[];
}
