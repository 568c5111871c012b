// Original file: proto/ganeti/node.proto


export interface OsValidateRequest {
  'os_name'?: (string);
  'osparams'?: ({[key: string]: string});
  'checks'?: (string)[];
  'required'?: (boolean);
}

export interface OsValidateRequest__Output {
  'os_name': (string);
  'osparams': ({[key: string]: string});
  'checks': (string)[];
  'required': (boolean);
}
