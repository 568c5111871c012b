// Original file: proto/ganeti/master.proto


export interface QueryRequest {
  'what'?: (string);
  'fields'?: (string)[];
  'names'?: (string)[];
  'filter_json'?: (string);
  'use_locking'?: (boolean);
  'as_objects'?: (boolean);
  'known_tag'?: (string);
  'columnar'?: (boolean);
  'table'?: (boolean);
  'table_header'?: (boolean);
  'table_has_separator'?: (boolean);
  'table_separator'?: (string);
  'table_units'?: (string);
  'table_verbose'?: (boolean);
  'table_joined'?: (string)[];
}

export interface QueryRequest__Output {
  'what': (string);
  'fields': (string)[];
  'names': (string)[];
  'filter_json': (string);
  'use_locking': (boolean);
  'as_objects': (boolean);
  'known_tag': (string);
  'columnar': (boolean);
  'table': (boolean);
  'table_header': (boolean);
  'table_has_separator': (boolean);
  'table_separator': (string);
  'table_units': (string);
  'table_verbose': (boolean);
  'table_joined': (string)[];
}
