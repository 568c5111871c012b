// Original file: proto/ganeti/node.proto


export interface UploadFileRequest {
  'file'?: (string);
  'content'?: (Buffer | Uint8Array | string);
  'mode'?: (number);
}

export interface UploadFileRequest__Output {
  'file': (string);
  'content': (Buffer);
  'mode': (number);
}
