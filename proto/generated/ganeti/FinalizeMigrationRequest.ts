// Original file: proto/ganeti/node.proto

import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from '../ganeti/Instance.js';

export interface FinalizeMigrationRequest {
  'instance'?: (_ganeti_Instance | null);
  'info'?: (string);
  'success'?: (boolean);
  'live'?: (boolean);
}

export interface FinalizeMigrationRequest__Output {
  'instance': (_ganeti_Instance__Output | null);
  'info': (string);
  'success': (boolean);
  'live': (boolean);
}
