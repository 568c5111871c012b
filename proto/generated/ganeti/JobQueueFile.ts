// Original file: proto/ganeti/node.proto


export interface JobQueueFile {
  'name'?: (string);
  'content'?: (Buffer | Uint8Array | string);
}

export interface JobQueueFile__Output {
  'name': (string);
  'content': (Buffer);
}
