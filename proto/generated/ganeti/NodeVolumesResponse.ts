// Original file: proto/ganeti/node.proto

import type { Volume as _ganeti_Volume, Volume__Output as _ganeti_Volume__Output } from '../ganeti/Volume.js';

export interface NodeVolumesResponse {
  'volumes'?: (_ganeti_Volume)[];
}

export interface NodeVolumesResponse__Output {
  'volumes': (_ganeti_Volume__Output)[];
}
