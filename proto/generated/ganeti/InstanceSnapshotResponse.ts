// Original file: proto/ganeti/node.proto

import type { BlockdevCreateResponse as _ganeti_BlockdevCreateResponse, BlockdevCreateResponse__Output as _ganeti_BlockdevCreateResponse__Output } from '../ganeti/BlockdevCreateResponse.js';

export interface InstanceSnapshotResponse {
  'disks'?: (_ganeti_BlockdevCreateResponse)[];
}

export interface InstanceSnapshotResponse__Output {
  'disks': (_ganeti_BlockdevCreateResponse__Output)[];
}
