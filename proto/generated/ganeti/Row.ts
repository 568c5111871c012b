// Original file: proto/ganeti/master.proto

import type { Cell as _ganeti_Cell, Cell__Output as _ganeti_Cell__Output } from '../ganeti/Cell.js';

export interface Row {
  'cells'?: (_ganeti_Cell)[];
}

export interface Row__Output {
  'cells': (_ganeti_Cell__Output)[];
}
