// Original file: proto/ganeti/master.proto


export interface FieldDefinition {
  'name'?: (string);
  'title'?: (string);
  'kind'?: (string);
  'doc'?: (string);
}

export interface FieldDefinition__Output {
  'name': (string);
  'title': (string);
  'kind': (string);
  'doc': (string);
}
