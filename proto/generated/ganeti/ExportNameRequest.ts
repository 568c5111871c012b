// Original file: proto/ganeti/node.proto


export interface ExportNameRequest {
  'name'?: (string);
  'area'?: (string);
}

export interface ExportNameRequest__Output {
  'name': (string);
  'area': (string);
}
