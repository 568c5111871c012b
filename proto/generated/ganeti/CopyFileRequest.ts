// Original file: proto/ganeti/node.proto


export interface CopyFileRequest {
  'path'?: (string);
  'data'?: (Buffer | Uint8Array | string);
  'mode'?: (number);
  'atime'?: (number | string);
  'mtime'?: (number | string);
}

export interface CopyFileRequest__Output {
  'path': (string);
  'data': (Buffer);
  'mode': (number);
  'atime': (number);
  'mtime': (number);
}
