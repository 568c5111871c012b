// Original file: proto/ganeti/node.proto

import type { ExtProviderInfo as _ganeti_ExtProviderInfo, ExtProviderInfo__Output as _ganeti_ExtProviderInfo__Output } from '../ganeti/ExtProviderInfo.js';

export interface ExtStorageDiagnoseResponse {
  'providers'?: (_ganeti_ExtProviderInfo)[];
}

export interface ExtStorageDiagnoseResponse__Output {
  'providers': (_ganeti_ExtProviderInfo__Output)[];
}
