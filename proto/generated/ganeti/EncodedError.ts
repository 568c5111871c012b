// Original file: proto/ganeti/common.proto

import type { EncodedError as _ganeti_EncodedError, EncodedError__Output as _ganeti_EncodedError__Output } from '../ganeti/EncodedError.js';

export interface EncodedError {
  'class'?: (string);
  'message'?: (string);
  'ecode'?: (string);
  'cause'?: (_ganeti_EncodedError | null);
}

export interface EncodedError__Output {
  'class': (string);
  'message': (string);
  'ecode': (string);
  'cause': (_ganeti_EncodedError__Output | null);
}
