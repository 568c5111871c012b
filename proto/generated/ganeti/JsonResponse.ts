// Original file: proto/ganeti/master.proto


export interface JsonResponse {
  'json'?: (string);
}

export interface JsonResponse__Output {
  'json': (string);
}
