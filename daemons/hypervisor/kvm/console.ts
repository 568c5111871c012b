// How to reach a running kvm instance's console (Ganeti's KVMHypervisor.GetInstanceConsole):
// the serial console through socat on its Unix socket, run over ssh on the node; else a
// TCP VNC server; else a message saying where the VNC Unix socket is. On a virtual cluster
// the command runs through the node's `cmd` script, so it sees that node's environment.
import { join } from 'node:path';
import type { ConsoleInfo } from '../hypervisor.js';
import type { KvmRuntime } from './runtime.js';

/** Ganeti's socat console command (escape Ctrl-] ends it). */
export function socatCommand(serialSocket: string): string[] {
  return ['socat', 'STDIO,raw,echo=0,escape=0x1d', `UNIX-CONNECT:${serialSocket}`];
}

export type KvmConsole = ConsoleInfo & { display?: number };

export function kvmConsole(rt: KvmRuntime, node: { hostname: string; nodeRoot: string }): KvmConsole {
  if (rt.serial) {
    const cmd = socatCommand(rt.serial);
    return {
      instance: rt.name, kind: 'ssh', host: node.hostname, user: 'root',
      command: node.nodeRoot ? [join(node.nodeRoot, 'cmd'), ...cmd] : cmd,
    };
  }
  const vnc = rt.vnc;
  if (vnc?.kind === 'tcp') {
    const host = vnc.host === '0.0.0.0' || vnc.host === '::' ? node.hostname : vnc.host;
    return { instance: rt.name, kind: 'vnc', host, port: vnc.port, display: vnc.display };
  }
  if (vnc?.kind === 'unix') {
    return {
      instance: rt.name, kind: 'message',
      message: `Instance ${rt.name} has no serial console; its VNC server listens on the Unix socket ${vnc.path} ` +
        `on node ${node.hostname} (for example: ssh -L 5900:${vnc.path} root@${node.hostname}, then a VNC viewer on localhost:5900)`,
    };
  }
  return { instance: rt.name, kind: 'message', message: `No serial console and no VNC for instance ${rt.name}` };
}
