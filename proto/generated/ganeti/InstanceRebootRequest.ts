// Original file: proto/ganeti/node.proto

import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from '../ganeti/Instance.js';
import type { Long } from '@grpc/proto-loader';

export interface InstanceRebootRequest {
  'instance'?: (_ganeti_Instance | null);
  'reboot_type'?: (string);
  'shutdown_timeout_ms'?: (number | string | Long);
}

export interface InstanceRebootRequest__Output {
  'instance': (_ganeti_Instance__Output | null);
  'reboot_type': (string);
  'shutdown_timeout_ms': (number);
}
