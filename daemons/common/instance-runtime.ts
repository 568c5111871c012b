// One instance's entry in a node's instance list (InstanceRuntime), as noded makes it and the
// master holds it: whether two entries report the same, which decides what a node's delta
// carries (noded) and which rows a kept list makes again (masterd).
import type { InstanceRuntime } from '../../proto/generated/ganeti/InstanceRuntime.js';

/** The same state, memory, vcpus, hypervisor and console (memory may be a number or a decoded int64). */
export function sameRuntime(a: InstanceRuntime, b: InstanceRuntime): boolean {
  return a.state === b.state && String(a.memory) === String(b.memory) && a.vcpus === b.vcpus &&
    a.hypervisor === b.hypervisor && (a.console_json ?? '') === (b.console_json ?? '');
}
