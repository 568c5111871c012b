// Original file: proto/ganeti/node.proto

import type { StorageInfo as _ganeti_StorageInfo, StorageInfo__Output as _ganeti_StorageInfo__Output } from '../ganeti/StorageInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface NodeInfoResponse {
  'bootid'?: (string);
  'memory_total'?: (number | string | Long);
  'memory_free'?: (number | string | Long);
  'memory_dom0'?: (number | string | Long);
  'cpu_total'?: (number);
  'cpu_nodes'?: (number);
  'cpu_sockets'?: (number);
  'cpu_used'?: (number);
  'storage'?: (_ganeti_StorageInfo)[];
  'software_version'?: (string);
}

export interface NodeInfoResponse__Output {
  'bootid': (string);
  'memory_total': (number);
  'memory_free': (number);
  'memory_dom0': (number);
  'cpu_total': (number);
  'cpu_nodes': (number);
  'cpu_sockets': (number);
  'cpu_used': (number);
  'storage': (_ganeti_StorageInfo__Output)[];
  'software_version': (string);
}
