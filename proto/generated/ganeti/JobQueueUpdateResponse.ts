// Original file: proto/ganeti/node.proto


export interface JobQueueUpdateResponse {
  'needs_full'?: (boolean);
}

export interface JobQueueUpdateResponse__Output {
  'needs_full': (boolean);
}
