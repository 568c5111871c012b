// What the kvm driver needs beyond the generic HvInstance: the instance's NICs, per-disk
// access mode and format, its UUID and allocated network port. noded's backend passes
// them along (backend/instance.ts hvInstance); drivers that do not need them ignore them.
import type { HvInstance } from '../hypervisor.js';

export interface KvmNicSpec {
  mac: string;
  mode: string;       // bridged | routed | openvswitch (filled nicparams)
  link: string;
  ip?: string;
  vlan?: string;
  name?: string;
  uuid?: string;
}

export interface KvmDiskSpec {
  mode?: string;      // rw | ro
  format?: string;    // raw | qcow2 (the disk's params.format)
}

export interface KvmInstance extends HvInstance {
  uuid?: string;
  nics?: KvmNicSpec[];
  disks?: KvmDiskSpec[];
  /** The cluster-allocated TCP port (VNC when vnc_bind_address is set); 0 when none. */
  network_port?: number;
}
