// Original file: /work/main/proto/ganeti/common.proto


export interface EncodedError {
  'class'?: (string);
  'message'?: (string);
  'ecode'?: (string);
}

export interface EncodedError__Output {
  'class': (string);
  'message': (string);
  'ecode': (string);
}
