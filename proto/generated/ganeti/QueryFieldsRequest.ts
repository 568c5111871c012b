// Original file: proto/ganeti/master.proto


export interface QueryFieldsRequest {
  'what'?: (string);
  'fields'?: (string)[];
}

export interface QueryFieldsRequest__Output {
  'what': (string);
  'fields': (string)[];
}
