// Job load for the kill -9 test and bench/kill9-bench.ts: concurrent submission over the
// master's socket, and an OS whose create script leaves one unique marker per run, so that
// "no job ran twice" is an exact count (the OS log names have one-second resolution, and two
// runs within one second would share one log file).
import * as grpc from '@grpc/grpc-js';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServices, unixAddress } from '../daemons/common/rpc.js';
import { REPO, type Vcluster } from './harness.js';

/** The job statuses a job never leaves. */
export const FINAL_JOB_STATUSES: ReadonlySet<string> = new Set(['success', 'error', 'canceled']);

/** The counting OS's name: the dummy OS whose create script marks each run. */
export const COUNTED_OS = 'counted';

const markerDir = (vc: Vcluster, node: string) => join(vc.dir, node, 'var/lib/os-create-runs');

/**
 * Installs the counting OS on every node: a copy of the shipped dummy OS whose create script
 * first makes a new file `<instance>.<random>` in the node's marker directory.
 */
export function installCountingOs(vc: Vcluster): void {
  for (const node of vc.nodes) {
    const dir = join(vc.dir, node, 'srv/ganeti/os', COUNTED_OS);
    cpSync(join(REPO, 'daemons/noded/os-definitions/dummy'), dir, { recursive: true });
    mkdirSync(markerDir(vc, node), { recursive: true });
    renameSync(join(dir, 'create'), join(dir, 'create.dummy'));
    writeFileSync(join(dir, 'create'), `#!/bin/sh\nset -e\nmktemp "${markerDir(vc, node)}/\${INSTANCE_NAME}.XXXXXXXX" >/dev/null\n` +
      `exec "$(dirname "$0")/create.dummy"\n`);
    chmodSync(join(dir, 'create'), 0o755);
  }
}

/** How often each instance's counting-OS create script ran, over every node (exact: one marker per run). */
export function osCreateRuns(vc: Vcluster): Map<string, number> {
  const runs = new Map<string, number>();
  for (const node of vc.nodes) {
    const dir = markerDir(vc, node);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      const name = f.replace(/\.[^.]+$/, '');
      runs.set(name, (runs.get(name) ?? 0) + 1);
    }
  }
  return runs;
}

/**
 * Submits each job concurrently (one SubmitJobs call each, multiplexed on one connection to
 * the master's socket) and returns the ids the master acknowledged, in answer order. onAck
 * runs after each acknowledgement with the job's id, its opcodes and the count so far (a
 * test kills masterd from there; the calls still open then fail, never acknowledged).
 */
export async function submitConcurrently(vc: Vcluster, opsJson: string[],
  onAck?: (jobId: number, opsJson: string, acked: number) => void, master = 'node1'): Promise<number[]> {
  const client = new (loadServices().ganeti.Master)(unixAddress(join(vc.dir, master, 'var/run/ganeti/socket/ganeti-master')),
    grpc.credentials.createInsecure());
  const acked: number[] = [];
  try {
    await Promise.all(opsJson.map((ops_json) => new Promise<void>((resolve) => {
      client.SubmitJobs({ jobs: [{ ops_json }] }, (err, res) => {
        const r = res?.results[0];
        if (!err && r?.ok) {
          acked.push(Number(r.job_id));
          onAck?.(Number(r.job_id), ops_json, acked.length);
        }
        resolve();
      });
    })));
  } finally {
    client.close();
  }
  return acked;
}
