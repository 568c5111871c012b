// Original file: proto/ganeti/node.proto

import type { InstanceRuntime as _ganeti_InstanceRuntime, InstanceRuntime__Output as _ganeti_InstanceRuntime__Output } from '../ganeti/InstanceRuntime.js';

export interface InstanceListTaggedResponse {
  'instances'?: (_ganeti_InstanceRuntime)[];
  'tag'?: (string);
  'unchanged'?: (boolean);
  'delta'?: (boolean);
  'gone'?: (string)[];
}

export interface InstanceListTaggedResponse__Output {
  'instances': (_ganeti_InstanceRuntime__Output)[];
  'tag': (string);
  'unchanged': (boolean);
  'delta': (boolean);
  'gone': (string)[];
}
