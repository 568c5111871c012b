// Instance NICs on the node. Ganeti's modes where the node can do them: bridged (a tap
// device on the NIC's bridge) and routed (a tap device plus a /32 route to the instance's
// IP, in the routing table named by the NIC's link), which need root. qemu user networking
// (NAT inside qemu, no host setup) is what a bridged NIC with an empty link asks for, and
// the fallback when noded is not root; a named bridge missing on this node refuses the
// start. The fallback and its reason are logged and kept in the runtime record.
//
// Tap devices are named gtkv<8 hex of the instance UUID><index>: recognisable as ours, so
// a stale one from a crash can be removed safely, and within the 15-byte interface limit.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HypervisorError } from '../../common/errors.js';
import type { RuntimeNic } from './runtime.js';
import type { KvmNicSpec } from './types.js';

const run = promisify(execFile);

export const TAP_PREFIX = 'gtkv';

export interface NetEnv {
  isRoot: boolean;
  /** /sys/class/net, where bridges show a "bridge" subdirectory. */
  sysClassNet: string;
  /** The ip(8) program, or null when iproute2 is missing. */
  ipProgram: string | null;
  /** iproute2's routing table name files (routed mode's link names a table). */
  rtTables: readonly string[];
  /** This node's admin chose qemu user networking for NICs whose bridge is missing (the
   * file MISSING_BRIDGE_OPT_IN in its config dir; vcluster-setup writes it on virtual nodes). */
  missingBridgeUserNet?: boolean;
}

/** The node-local opt-in file (in the node's config dir) that turns a missing bridge into user networking. */
export const MISSING_BRIDGE_OPT_IN = 'kvm-missing-bridge-user-net';

export function defaultNetEnv(confDir?: string): NetEnv {
  const ip = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((p) => existsSync(p)) ?? null;
  return {
    isRoot: process.getuid?.() === 0, sysClassNet: '/sys/class/net', ipProgram: ip,
    rtTables: ['/etc/iproute2/rt_tables', '/usr/share/iproute2/rt_tables'],
    missingBridgeUserNet: confDir !== undefined && existsSync(join(confDir, MISSING_BRIDGE_OPT_IN)),
  };
}

export function tapName(instanceKey: string, index: number): string {
  return `${TAP_PREFIX}${createHash('sha256').update(instanceKey).digest('hex').slice(0, 8)}${index}`;
}

/** Decides, without side effects, what each NIC becomes on this node. */
export function planNics(nics: readonly KvmNicSpec[], instanceKey: string, env: NetEnv): RuntimeNic[] {
  return nics.map((n, index) => {
    const base = { index, mac: n.mac, mode: n.mode, link: n.link ?? '', ip: n.ip ?? '' };
    const user = (fallback: string): RuntimeNic => ({ ...base, backend: 'user', fallback });
    if (n.mode === 'openvswitch') {
      throw new HypervisorError(`NIC ${index}: mode openvswitch is not supported by the kvm driver (allowed: bridged, routed)`,
        { ecode: 'wrong_input' });
    }
    if (n.mode !== 'bridged' && n.mode !== 'routed') {
      throw new HypervisorError(`NIC ${index}: unknown mode '${n.mode}' (allowed: bridged, routed)`, { ecode: 'wrong_input' });
    }
    if (n.mode === 'bridged') {
      if (!n.link) return user('no bridge given (link is empty)');
      // A named bridge that is missing is an error, never a silent switch to NAT: the
      // instance would come up unreachable on the network it was configured for.
      if (!existsSync(join(env.sysClassNet, n.link, 'bridge'))) {
        if (env.missingBridgeUserNet) {
          return user(`bridge '${n.link}' does not exist on this node, and the node's admin chose user networking for that ` +
            `(${MISSING_BRIDGE_OPT_IN})`);
        }
        throw new HypervisorError(`NIC ${index}: bridge '${n.link}' does not exist on this node ` +
          `(${existsSync(join(env.sysClassNet, n.link)) ? 'the interface is not a bridge' : 'no such interface'}); ` +
          "create it, set the NIC's link to an existing bridge, or give an empty link (link=) for qemu user networking",
        { ecode: 'environment_error' });
      }
    }
    if (!env.isRoot) return user(`noded does not run as root, so it cannot create a tap device for ${n.mode} mode`);
    if (!env.ipProgram) return user(`the ip program (iproute2) is missing, so no tap device for ${n.mode} mode`);
    const nic: RuntimeNic = { ...base, backend: 'tap', tap: tapName(instanceKey, index) };
    // Routed mode: the link names the routing table (Ganeti's kvm-vif-bridge); one this node
    // does not know (such as the default link xen-br0) means the main table.
    if (n.mode === 'routed' && n.link && routingTableKnown(n.link, env.rtTables)) nic.routeTable = n.link;
    return nic;
  });
}

/** A numeric table, or a name listed in iproute2's rt_tables. */
export function routingTableKnown(link: string, rtTablesFiles: readonly string[]): boolean {
  if (/^\d+$/.test(link)) return true;
  for (const f of rtTablesFiles) {
    let text: string;
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    if (text.split('\n').some((l) => l.replace(/#.*/, '').trim().split(/\s+/)[1] === link)) return true;
  }
  return false;
}

/** How taps are opened: qemu's flags must match the device's exactly, so both come from here. */
export interface TapFlags { vnetHdr: boolean; queues: number }

export function tapFlags(hv: Record<string, unknown>): TapFlags {
  const virtio = (hv.nic_type ?? 'paravirtual') === 'paravirtual';
  const q = typeof hv.virtio_net_queues === 'number' ? hv.virtio_net_queues : 1;
  return { vnetHdr: virtio && hv.vnet_hdr !== false, queues: virtio ? Math.max(1, q) : 1 };
}

/** The ip(8) commands that create one NIC's tap device (argv without the program). */
export function tapUpCommands(nic: RuntimeNic, flags: TapFlags): string[][] {
  if (nic.backend !== 'tap' || !nic.tap) return [];
  const cmds: string[][] = [['tuntap', 'add', 'dev', nic.tap, 'mode', 'tap',
    ...(flags.queues > 1 ? ['multi_queue'] : []), ...(flags.vnetHdr ? ['vnet_hdr'] : [])]];
  if (nic.mode === 'bridged') cmds.push(['link', 'set', 'dev', nic.tap, 'master', nic.link]);
  cmds.push(['link', 'set', 'dev', nic.tap, 'up']);
  if (nic.mode === 'routed' && nic.ip) {
    cmds.push(['route', 'replace', `${nic.ip}/32`, 'dev', nic.tap, ...(nic.routeTable ? ['table', nic.routeTable] : [])]);
  }
  return cmds;
}

async function ip(env: NetEnv, args: string[]): Promise<void> {
  try {
    await run(env.ipProgram!, args, { timeout: 10_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new HypervisorError(`ip ${args.join(' ')} failed: ${(e.stderr || e.message).trim()}`);
  }
}

/** Creates the tap devices; on failure removes the ones it made and throws. */
export async function setupTaps(nics: readonly RuntimeNic[], env: NetEnv, flags: TapFlags): Promise<void> {
  const made: RuntimeNic[] = [];
  try {
    for (const nic of nics) {
      if (nic.backend !== 'tap') continue;
      // A tap of ours left by a crash would make "tuntap add" fail: it is ours by name, remove it.
      await ip(env, ['link', 'del', 'dev', nic.tap!]).catch(() => undefined);
      made.push(nic);
      for (const cmd of tapUpCommands(nic, flags)) await ip(env, cmd);
      if (nic.mode === 'routed') {
        // Answer ARP for the instance's address on the tap only; nothing is forwarded off the host by this.
        try { writeFileSync(`/proc/sys/net/ipv4/conf/${nic.tap}/proxy_arp`, '1'); } catch { /* best effort */ }
      }
    }
  } catch (err) {
    await teardownTaps(made, env);
    throw err;
  }
}

/** Removes the tap devices (routes through them go with them); missing ones are fine. */
export async function teardownTaps(nics: readonly RuntimeNic[], env: NetEnv): Promise<void> {
  for (const nic of nics) {
    if (nic.backend === 'tap' && nic.tap && env.ipProgram) {
      await ip(env, ['link', 'del', 'dev', nic.tap]).catch(() => undefined);
    }
  }
}
