// Original file: proto/ganeti/node.proto


export interface OsInfo {
  'name'?: (string);
  'path'?: (string);
  'valid'?: (boolean);
  'diagnose'?: (string);
  'api_versions'?: (number)[];
  'variants'?: (string)[];
  'parameters'?: (string)[];
}

export interface OsInfo__Output {
  'name': (string);
  'path': (string);
  'valid': (boolean);
  'diagnose': (string);
  'api_versions': (number)[];
  'variants': (string)[];
  'parameters': (string)[];
}
