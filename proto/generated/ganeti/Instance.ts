// Original file: proto/ganeti/common.proto

import type { Nic as _ganeti_Nic, Nic__Output as _ganeti_Nic__Output } from '../ganeti/Nic.js';
import type { Disk as _ganeti_Disk, Disk__Output as _ganeti_Disk__Output } from '../ganeti/Disk.js';
import type { Long } from '@grpc/proto-loader';

export interface Instance {
  'name'?: (string);
  'uuid'?: (string);
  'hypervisor'?: (string);
  'os'?: (string);
  'primary_node'?: (string);
  'hvparams_json'?: (string);
  'memory'?: (number | string | Long);
  'vcpus'?: (number);
  'nics'?: (_ganeti_Nic)[];
  'disks'?: (_ganeti_Disk)[];
  'osparams_json'?: (string);
  'network_port'?: (number);
  'admin_state'?: (string);
}

export interface Instance__Output {
  'name': (string);
  'uuid': (string);
  'hypervisor': (string);
  'os': (string);
  'primary_node': (string);
  'hvparams_json': (string);
  'memory': (number);
  'vcpus': (number);
  'nics': (_ganeti_Nic__Output)[];
  'disks': (_ganeti_Disk__Output)[];
  'osparams_json': (string);
  'network_port': (number);
  'admin_state': (string);
}
