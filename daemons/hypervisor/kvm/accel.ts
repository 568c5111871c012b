// Which accelerator qemu uses: kvm_flag 'enabled' -> KVM, 'disabled' -> TCG (pure
// emulation), '' -> KVM only if this host can really run KVM guests. A /dev/kvm that opens
// is not enough (platform.md: on the project's machines it exists but guests die on entry):
// the CPU must also advertise hardware virtualisation (vmx or svm) to the kernel.
import { accessSync, constants, readFileSync } from 'node:fs';

export type Accel = 'kvm' | 'tcg';

export interface AccelProbe { devKvm: string; cpuinfo: string }
const DEFAULT_PROBE: AccelProbe = { devKvm: '/dev/kvm', cpuinfo: '/proc/cpuinfo' };

const cache = new Map<string, boolean>();

/** Whether KVM can run guests here (cached per probe files: it does not change while noded runs). */
export function kvmUsable(probe: AccelProbe = DEFAULT_PROBE): boolean {
  const key = `${probe.devKvm}\0${probe.cpuinfo}`;
  let ok = cache.get(key);
  if (ok === undefined) {
    ok = false;
    try {
      accessSync(probe.devKvm, constants.R_OK | constants.W_OK);
      ok = /^flags\s*:.*\b(vmx|svm)\b/m.test(readFileSync(probe.cpuinfo, 'utf8'));
    } catch { ok = false; }
    cache.set(key, ok);
  }
  return ok;
}

export function resolveAccel(kvmFlag: unknown, probe?: AccelProbe): Accel {
  if (kvmFlag === 'enabled') return 'kvm';
  if (kvmFlag === 'disabled') return 'tcg';
  return kvmUsable(probe) ? 'kvm' : 'tcg';
}
