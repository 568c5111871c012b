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
}
