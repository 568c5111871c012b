// Original file: proto/ganeti/node.proto

import type { OsInfo as _ganeti_OsInfo, OsInfo__Output as _ganeti_OsInfo__Output } from '../ganeti/OsInfo.js';

export interface OsDiagnoseResponse {
  'oses'?: (_ganeti_OsInfo)[];
}

export interface OsDiagnoseResponse__Output {
  'oses': (_ganeti_OsInfo__Output)[];
}
