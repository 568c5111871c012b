// Original file: proto/ganeti/master.proto


export interface Cell {
  'status'?: (number);
  'value_json'?: (string);
}

export interface Cell__Output {
  'status': (number);
  'value_json': (string);
}
