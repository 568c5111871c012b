// Fills a virtual cluster's config up to `total` running instances the way a long-lived
// cluster would have them: config entries (on the master and every node that holds a
// config, i.e. the candidates) plus the fake hypervisor's state files, with masterd
// stopped meanwhile. Shared by the cluster benchmarks.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { configJournalPath, readConfigCopySync } from '../daemons/common/config-journal.js';
import { join } from 'node:path';

export function growInstances(dir: string, total: number): void {
  const cmd = join(dir, 'node1/cmd');
  execFileSync(cmd, ['daemon-util', 'stop', 'ganeti-masterd']);
  const path = join(dir, 'node1/var/lib/ganeti/config.data');
  // The master's config is config.data plus its journal: read both, write one whole file
  // (to the master and every candidate) and drop the journals.
  const cfg = readConfigCopySync<Record<string, any>>(path).doc;
  const nodes = Object.values(cfg.nodes) as { uuid: string; name: string }[];
  const template = (Object.values(cfg.instances)[0] ?? {
    os: 'dummy', hypervisor: 'fake', admin_state: 'up', admin_state_source: 'admin', disk_template: 'diskless',
    hvparams: {}, beparams: { maxmem: 64, minmem: 64 }, osparams: {}, network_port: null, disks_active: false,
    tags: [], ctime: Date.now() / 1000, mtime: Date.now() / 1000, serial_no: 1,
  }) as Record<string, unknown>;
  let n = Object.keys(cfg.instances).length;
  for (let i = 0; n < total; i++, n++) {
    const node = nodes[i % nodes.length]!;
    const name = `g${n}`;
    const uuid = randomUUID();
    cfg.instances[uuid] = { ...template, uuid, name, primary_node: node.uuid, secondary_nodes: [], nics: [], disks: [] };
    const hvDir = join(dir, node.name, 'var/run/ganeti/fake-hypervisor');
    mkdirSync(hvDir, { recursive: true });
    writeFileSync(join(hvDir, name), '0\n64\n1\n');
  }
  cfg.serial_no += 1;
  const text = JSON.stringify(cfg);
  writeFileSync(path, text);
  rmSync(configJournalPath(path), { force: true });
  for (const node of nodes.slice(1)) {
    const p = join(dir, node.name, 'var/lib/ganeti/config.data');
    if (existsSync(p)) { writeFileSync(p, text); rmSync(configJournalPath(p), { force: true }); }
  }
  execFileSync(cmd, ['daemon-util', 'start', 'ganeti-masterd']);
}
