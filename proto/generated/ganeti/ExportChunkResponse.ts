// Original file: proto/ganeti/node.proto


export interface ExportChunkResponse {
  'data'?: (Buffer | Uint8Array | string);
}

export interface ExportChunkResponse__Output {
  'data': (Buffer);
}
