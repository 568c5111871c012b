// Original file: proto/ganeti/node.proto


export interface WriteSsconfRequest {
  'values'?: ({[key: string]: string});
}

export interface WriteSsconfRequest__Output {
  'values': ({[key: string]: string});
}
