// Original file: proto/ganeti/master.proto

import type { LogEntry as _ganeti_LogEntry, LogEntry__Output as _ganeti_LogEntry__Output } from '../ganeti/LogEntry.js';
import type { Long } from '@grpc/proto-loader';

export interface JobChange {
  'job_id'?: (number | string | Long);
  'status'?: (string);
  'log'?: (_ganeti_LogEntry)[];
  'opresult_json'?: (string);
  'opstatus_json'?: (string);
}

export interface JobChange__Output {
  'job_id': (number);
  'status': (string);
  'log': (_ganeti_LogEntry__Output)[];
  'opresult_json': (string);
  'opstatus_json': (string);
}
