// Original file: proto/ganeti/node.proto


export interface ExportFinalizeRequest {
  'name'?: (string);
  'config'?: (string);
}

export interface ExportFinalizeRequest__Output {
  'name': (string);
  'config': (string);
}
