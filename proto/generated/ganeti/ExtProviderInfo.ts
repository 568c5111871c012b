// Original file: proto/ganeti/node.proto


export interface ExtProviderInfo {
  'name'?: (string);
  'path'?: (string);
  'valid'?: (boolean);
  'diagnose'?: (string);
  'parameters'?: (string)[];
}

export interface ExtProviderInfo__Output {
  'name': (string);
  'path': (string);
  'valid': (boolean);
  'diagnose': (string);
  'parameters': (string)[];
}
