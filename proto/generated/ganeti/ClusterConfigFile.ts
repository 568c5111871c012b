// Original file: proto/ganeti/node.proto


export interface ClusterConfigFile {
  'found'?: (boolean);
  'content'?: (Buffer | Uint8Array | string);
}

export interface ClusterConfigFile__Output {
  'found': (boolean);
  'content': (Buffer);
}
