// The kvm driver on real qemu (TCG, the tiny guest) passes the hypervisor conformance suite
// (test/unit/hypervisor/conformance.ts). Run alone, under the cluster lock:
//   flock /tmp/ganeti-cluster.lock npx ava --serial test/kvm/hypervisor-conformance.test.ts
import test from 'ava';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../daemons/common/log.js';
import { KVM_DESCRIPTOR } from '../../daemons/hypervisor/kvm/descriptor.js';
import { KvmHypervisor } from '../../daemons/hypervisor/kvm/kvm.js';
import type { KvmInstance } from '../../daemons/hypervisor/kvm/types.js';
import type { TempNode } from '../unit/noded/helpers/temp-node.js';
import { hypervisorConformance } from '../unit/hypervisor/conformance.js';
import { ensureGuest, killQemus } from '../../vcluster/kvm-guest.js';

const roots: string[] = [];
// Registered before the suite's own clean-up: kill what a failed test left while the pid files exist.
test.after.always(() => { for (const r of roots) killQemus(r); });

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };

hypervisorConformance('kvm', (paths) => new KvmHypervisor(paths, { logger: quiet }), {
  instance: (name, hv = {}): KvmInstance => {
    const g = ensureGuest();
    return {
      name, hypervisor: 'kvm', memory: 96, vcpus: 1, uuid: '11111111-2222-3333-4444-555555555555',
      hvparams: { ...KVM_DESCRIPTOR.defaults, kvm_flag: 'disabled', kernel_path: g.kernel, initrd_path: g.initrd, kernel_args: 'console=ttyS0', ...hv },
      nics: [{ mac: 'aa:00:00:50:00:01', mode: 'bridged', link: '' }], disks: [{ mode: 'rw', format: 'raw' }],
    };
  },
  disks: (node: TempNode, name: string) => {
    const disk = join(node.root, `${name}-disk0.img`);
    if (!existsSync(disk)) writeFileSync(disk, Buffer.alloc(16 * 1024 * 1024));
    return [disk];
  },
  badParams: [
    [{ security_model: 'user' }, /needs security_domain/],
    [{ kernel_path: 'vmlinuz' }, /must be an absolute path/],
    [{ disk_type: 'floppy' }, /allowed: paravirtual/],
    [{ acpi: 'yes' }, /must be of type bool/],
    [{ kvm_extra: '-daemonize' }, /not allowed in kvm_extra/],
  ],
  softStopTimeoutMs: 30_000,
  serial: true,
  onNode: (node) => { roots.push(node.root); },
});
