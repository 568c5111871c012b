// Original file: proto/ganeti/master.proto

import type { EncodedError as _ganeti_EncodedError, EncodedError__Output as _ganeti_EncodedError__Output } from '../ganeti/EncodedError.js';
import type { Long } from '@grpc/proto-loader';

export interface SubmitResult {
  'ok'?: (boolean);
  'job_id'?: (number | string | Long);
  'error'?: (_ganeti_EncodedError | null);
}

export interface SubmitResult__Output {
  'ok': (boolean);
  'job_id': (number);
  'error': (_ganeti_EncodedError__Output | null);
}
