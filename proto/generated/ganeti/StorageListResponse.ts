// Original file: proto/ganeti/node.proto

import type { StorageUnit as _ganeti_StorageUnit, StorageUnit__Output as _ganeti_StorageUnit__Output } from '../ganeti/StorageUnit.js';

export interface StorageListResponse {
  'units'?: (_ganeti_StorageUnit)[];
}

export interface StorageListResponse__Output {
  'units': (_ganeti_StorageUnit__Output)[];
}
