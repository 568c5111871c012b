// A snapshot of a running kvm guest goes through QMP (overlays put on all its disks by one
// transaction of blockdev-snapshot, then block-commit): the tiny guest keeps running while its
// 1 GiB qcow2 disk is copied (its serial tick counter advances during the copy), a write the
// guest makes during the snapshot lands on its disk and not in the snapshot, a snapshot failing
// half-way leaves the guest running on its disks, and a revert (which stops the running
// instance first) gives back what the disk held at the snapshot. On a 1-node virtual cluster,
// through gnt-instance as a user runs it.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { guestHv } from '../../vcluster/kvm-guest.js';
import { jobIdOf } from '../cluster/faults/util.js';
import { clusterPerFile, diskHolds } from '../../vcluster/test-kit.js';
import { waitFor } from './helpers.js';

const PROGRAMS = ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'];
let hv: string;
const vc = clusterPerFile({ nodes: 1, prefix: '127.0.237', hypervisors: 'kvm,fake', programs: PROGRAMS, setup: () => { hv = guestHv(); } });

const gnt = (t: { fail(m: string): void }, args: string[]) => vc.ok(t, args, { timeoutMs: 300_000 });
const storage = () => join(vc.dir, 'node1/srv/ganeti/file-storage/vm1');
const files = () => (existsSync(storage()) ? readdirSync(storage()) : []);

/** One connection to the guest's serial console: what it printed (with arrival times), and typing. */
function serial(path: string): { sock: Socket; out: () => string; ticks: { n: number; at: number }[] } {
  let out = '';
  const ticks: { n: number; at: number }[] = [];
  const sock = connect(path);
  sock.on('data', (d) => {
    out += d.toString('latin1');
    for (const m of d.toString('latin1').matchAll(/tick=(\d+)/g)) ticks.push({ n: Number(m[1]), at: Date.now() });
  });
  sock.on('error', () => undefined);
  return { sock, out: () => out, ticks };
}

test.serial('a running kvm guest keeps running through its snapshot; the snapshot holds the disk at its point; revert gives it back', async (t) => {
  t.timeout(600_000);
  // Two disks: one transaction puts the overlays on both at one point.
  await gnt(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=1G,format=qcow2', '--disk', '1:size=16M', '-o', 'dummy', '-B', 'memory=128', '-H', hv,
    '--no-name-check', '--no-ip-check', '-n', 'node1', '--no-start', 'vm1']);
  const disk = join(storage(), files().find((f) => f.endsWith('.qcow2'))!);   // disk 1 is raw (.file)
  // A fully written disk: its copy takes seconds, long enough to see the guest tick through it.
  execFileSync('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x55 0 1G', disk], { stdio: 'ignore' });
  await gnt(t, ['gnt-instance', 'startup', 'vm1']);
  const sock = execFileSync('find', [vc.dir, '-name', 'vm1.serial'], { encoding: 'utf8' }).trim().split('\n')[0]!;
  const con = serial(sock);
  try {
    await waitFor('the guest to tick', () => con.ticks.length >= 2, 120_000, 200);
    con.sock.write('fill A\n');
    await waitFor('the guest to write A', () => /GUEST-FILLED A/.test(con.out()), 60_000, 100);

    const sub = await vc.gnt(['gnt-instance', 'snapshot', '--submit', '--name', 's1', 'vm1']);
    if (sub.code !== 0) t.fail(sub.stdout + sub.stderr);
    const job = String(jobIdOf(sub));
    // While the disk file is copied (the copy's temporary file exists) the guest goes on ticking,
    // and writes: to the overlay its writes go to meanwhile.
    let copyFrom = 0;
    let copyTo = 0;
    let sawOverlay = false;
    let wroteB = false;
    for (;;) {
      const f = files();
      if (f.filter((x) => x.endsWith('.live.qcow2')).length === 2) {
        sawOverlay = true;
        if (!wroteB) { con.sock.write('fill B\n'); wroteB = true; }
      }
      if (f.some((x) => x.endsWith('.tmp'))) { copyFrom ||= Date.now(); copyTo = Date.now(); }
      const st = (await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status', job])).stdout.trim();
      if (/success|error|canceled/.test(st)) {
        t.is(st, 'success', (await vc.gnt(['gnt-job', 'info', job])).stdout);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    t.true(sawOverlay, 'both disks were on overlays during the snapshot');
    t.true(copyFrom > 0, 'the disk copy was seen');
    const during = con.ticks.filter((k) => k.at >= copyFrom && k.at <= copyTo).map((k) => k.n);
    t.log(`copy seen for ${copyTo - copyFrom} ms; ticks printed meanwhile: ${during.join(', ') || 'none'}`);
    t.true(during.every((n, i) => i === 0 || n > during[i - 1]!), 'the guest counted on while its disk was copied');
    // The guest ticks once a second: a copy seen for two seconds or more must hold a tick (a
    // frozen guest prints none). A shorter one (an idle machine copies 1 GiB from the page
    // cache in well under a second) may fall between two ticks; the overlays above and the
    // write B below show the guest ran through the snapshot then.
    if (copyTo - copyFrom >= 2000) t.true(during.length >= 1, 'the guest ticked while its disk was copied');
    await waitFor('the guest to write B', () => /GUEST-FILLED B/.test(con.out()), 60_000, 100);
    t.deepEqual(files().filter((f) => f.endsWith('.live.qcow2') || f.endsWith('.tmp')), [], 'the overlay was merged and removed');
    t.regex((await gnt(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status', 'vm1'])).trim(), /^running$/);
    t.is(files().filter((f) => f.includes('.snap-s1.')).length, 2, 'both disks have their snapshot');
    const snapFile = join(storage(), files().find((f) => f.includes('.snap-s1.qcow2'))!);
    t.true(diskHolds(snapFile, '0x41'), 'the snapshot holds A, written before it');
    t.false(diskHolds(snapFile, '0x42'), 'the snapshot does not hold B, written after its point');
    // B was written after the snapshot's point; it is on the disk (merged from the overlay, or
    // written to the disk directly when it came after the merge).
    t.true(diskHolds(disk, '0x42'), 'the disk holds B');
    const before = con.ticks.at(-1)!.n;
    await waitFor('a later tick', () => con.ticks.at(-1)!.n > before, 30_000, 200);

    // A snapshot failing half-way (disk 1's copy cannot be made: its name is taken) leaves the
    // guest running on its own disks: disk 0's copy is removed, the overlays are merged, and
    // what the guest writes goes to its disk file.
    const d1 = files().find((f) => f.endsWith('.file') && !f.includes('.snap-'))!;
    writeFileSync(join(storage(), d1.replace(/\.file$/, '.snap-s2.file')), 'in the way');
    const bad = await vc.gnt(['gnt-instance', 'snapshot', '--name', 's2', 'vm1'], { timeoutMs: 300_000 });
    t.not(bad.code, 0);
    t.regex(bad.stdout + bad.stderr, /already exists/);
    t.deepEqual(files().filter((f) => f.includes('.snap-s2.qcow2') || f.endsWith('.live.qcow2') || f.endsWith('.tmp')), []);
    rmSync(join(storage(), d1.replace(/\.file$/, '.snap-s2.file')));
    t.regex((await gnt(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status', 'vm1'])).trim(), /^running$/);
    con.sock.write('fill C\n');
    await waitFor('the guest to write C', () => /GUEST-FILLED C/.test(con.out()), 60_000, 100);
    t.true(diskHolds(disk, '0x43'), 'the guest writes to its disk file again');

    // Revert stops the running instance first, and the disk holds A again.
    await gnt(t, ['gnt-instance', 'snapshot-revert', '-f', 'vm1', 's1']);
    t.regex((await gnt(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status', 'vm1'])).trim(), /^ADMIN_down$/);
    t.true(diskHolds(disk, '0x41'), 'after revert the disk holds A');
    t.true(diskHolds(disk, '0x55', '1M'), 'and the rest of the disk as it was');
  } finally {
    con.sock.destroy();
  }
});
