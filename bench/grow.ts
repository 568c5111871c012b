// Filling a virtual cluster with many instances quickly, for benchmarks: config entries plus
// fake-hypervisor state files, written with masterd stopped (adding 10,000 through jobs would
// take minutes and measure something else).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, type Vcluster } from '../vcluster/harness.js';

/** Fills the config up to `total` running instances the way a long-lived cluster would
 * have them: config entries plus fake-hypervisor state files, with masterd stopped. */
export async function grow(vc: Vcluster, total: number): Promise<void> {
  await run(join(vc.dir, 'node1/cmd'), ['daemon-util', 'stop', 'ganeti-masterd']);
  const path = join(vc.dir, 'node1/var/lib/ganeti/config.data');
  const cfg = JSON.parse(readFileSync(path, 'utf8'));
  const nodes = Object.values(cfg.nodes) as { uuid: string; name: string }[];
  const template = Object.values(cfg.instances)[0] as Record<string, unknown>;
  let n = Object.keys(cfg.instances).length;
  for (let i = 0; n < total; i++, n++) {
    const node = nodes[i % nodes.length]!;
    const name = `g${i}`;
    const uuid = randomUUID();
    cfg.instances[uuid] = { ...template, uuid, name, primary_node: node.uuid, nics: [], disks: [] };
    const dir = join(vc.dir, node.name, 'var/run/ganeti/fake-hypervisor');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), '0\n64\n1\n');
  }
  cfg.serial_no += 1;
  writeFileSync(path, JSON.stringify(cfg));
  for (const node of nodes.slice(1)) writeFileSync(join(vc.dir, node.name, 'var/lib/ganeti/config.data'), JSON.stringify(cfg));
  execFileSync(join(vc.dir, 'node1/cmd'), ['daemon-util', 'start', 'ganeti-masterd']);
}

