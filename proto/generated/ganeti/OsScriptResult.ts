// Original file: proto/ganeti/node.proto


export interface OsScriptResult {
  'log'?: (string);
  'log_file'?: (string);
}

export interface OsScriptResult__Output {
  'log': (string);
  'log_file': (string);
}
