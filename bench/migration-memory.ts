// Why an idle 128 MB tiny guest's live migration moves ~90 MB (docs/migration.md, "Speed"):
// two bare qemu processes (TCG, the kvm driver's machine: -nodefaults, pc, std VGA, a
// virtio-balloon device, -kernel/-initrd of the tiny guest), no cluster. After the guest has
// booted and idled (BOOT_MS), the source's RAM is saved (pmemsave) and its 4 KiB pages are
// counted as zero / non-zero, then it migrates to the target at Ganeti's defaults
// (migration_bandwidth 32 MiB/s, migration_downtime 30 ms) with the capabilities a case names,
// and qemu's query-migrate figures are printed: bytes on the wire, normal pages (sent whole)
// and duplicate (zero) pages, dirty syncs, setup time, downtime, total time.
// Cases (CASES=a,b,...): plain; compress (migration_caps=compress, qemu's zlib threads); multifd;
// hint (virtio-balloon free-page-hint=on with an iothread: qemu skips pages the guest reports
// free); report (free-page-reporting=on: the guest hands freed memory back, which then reads
// as zero); zerofree (the guest's kernel_args add init_on_free=1: memory it frees, the boot's
// leftovers included, is zeroed). hint and report need the guest's virtio_balloon driver: BALLOON_GUEST=DIR names a
// tiny guest built with it (tools/setup/tiny-guest.sh with virtio_balloon in its module list).
// Run: npx tsx bench/migration-memory.ts   (ADDR=127.0.41.10 PORT=48111 BOOT_MS=15000)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QmpClient } from '../daemons/hypervisor/kvm/qmp.js';
import { ensureGuest, QEMU } from '../vcluster/kvm-guest.js';

const ADDR = process.env.ADDR ?? '127.0.41.10';
const PORT = Number(process.env.PORT ?? 48111);
const BOOT_MS = Number(process.env.BOOT_MS ?? 15_000);
const MiB = 1048576;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Case { name: string; caps: string[]; balloon: string; iothread: boolean; balloonGuest: boolean; append?: string }
const CASES: Record<string, Case> = {
  plain: { name: 'plain', caps: [], balloon: '', iothread: false, balloonGuest: false },
  compress: { name: 'migration_caps=compress', caps: ['compress'], balloon: '', iothread: false, balloonGuest: false },
  multifd: { name: 'migration_caps=multifd', caps: ['multifd'], balloon: '', iothread: false, balloonGuest: false },
  hint: { name: 'free-page-hint, guest with virtio_balloon', caps: [], balloon: ',free-page-hint=on,iothread=io0', iothread: true, balloonGuest: true },
  report: { name: 'free-page-reporting, guest with virtio_balloon', caps: [], balloon: ',free-page-reporting=on', iothread: false, balloonGuest: true },
  zerofree: { name: 'guest kernel_args init_on_free=1', caps: [], balloon: '', iothread: false, balloonGuest: false, append: ' init_on_free=1' },
  'plain-balloon': { name: 'plain, guest with virtio_balloon', caps: [], balloon: '', iothread: false, balloonGuest: true },
};

function qemuArgs(dir: string, tag: string, c: Case, guest: { kernel: string; initrd: string }, incoming?: string): string[] {
  return [
    '-nodefaults', '-no-user-config', '-machine', 'pc,accel=tcg', '-m', '128', '-smp', '1',
    '-qmp', `unix:${join(dir, `${tag}.qmp`)},server=on,wait=off`, '-serial', 'none', '-vga', 'std', '-display', 'none',
    '-kernel', guest.kernel, '-initrd', guest.initrd, '-append', `console=ttyS0${c.append ?? ''}`,
    ...(c.iothread ? ['-object', 'iothread,id=io0'] : []),
    '-device', `virtio-balloon-pci,id=balloon0${c.balloon}`,
    ...(incoming ? ['-incoming', incoming] : []),
  ];
}

async function qmpOf(path: string): Promise<QmpClient> {
  for (let i = 0; ; i++) {
    try { return await QmpClient.connect(path, { timeoutMs: 5000 }); } catch (err) { if (i > 100) throw err; await sleep(100); }
  }
}

/** Zero and non-zero 4 KiB pages of a RAM image. */
function pageCounts(file: string): { zero: number; nonzero: number } {
  const buf = readFileSync(file);
  let zero = 0;
  let nonzero = 0;
  for (let off = 0; off < buf.length; off += 4096) {
    const page = buf.subarray(off, off + 4096);
    let z = true;
    for (let k = 0; k < page.length; k += 8) if (page.readBigUInt64LE(k) !== 0n) { z = false; break; }
    if (z) zero++; else nonzero++;
  }
  return { zero, nonzero };
}

interface Ram { transferred: number; normal: number; duplicate: number; 'normal-bytes': number; 'dirty-sync-count': number }
interface Mig { status: string; 'total-time'?: number; downtime?: number; 'setup-time'?: number; ram?: Ram; compression?: Record<string, number> }

async function runCase(c: Case): Promise<void> {
  const guest = c.balloonGuest
    ? { kernel: join(process.env.BALLOON_GUEST ?? '', 'vmlinuz'), initrd: join(process.env.BALLOON_GUEST ?? '', 'initramfs.gz') }
    : ensureGuest();
  if (c.balloonGuest && !process.env.BALLOON_GUEST) throw new Error(`case ${c.name} needs BALLOON_GUEST=DIR`);
  const dir = mkdtempSync(join(tmpdir(), 'mig-mem-'));
  const procs: ChildProcess[] = [];
  const clients: QmpClient[] = [];
  try {
    procs.push(spawn(QEMU, qemuArgs(dir, 'src', c, guest), { stdio: 'ignore' }));
    const src = await qmpOf(join(dir, 'src.qmp'));
    clients.push(src);
    await sleep(BOOT_MS);
    await src.execute('stop');
    await src.execute('pmemsave', { val: 0, size: 128 * MiB, filename: join(dir, 'ram') });
    const pages = pageCounts(join(dir, 'ram'));
    rmSync(join(dir, 'ram'));
    await src.execute('cont');
    const uri = `tcp:${ADDR}:${PORT}`;
    const t0 = performance.now();
    procs.push(spawn(QEMU, qemuArgs(dir, 'dst', c, guest, uri), { stdio: 'ignore' }));
    const dst = await qmpOf(join(dir, 'dst.qmp'));
    clients.push(dst);
    const targetUp = performance.now() - t0;
    // As Ganeti's AcceptInstance: the capabilities are set on the incoming side too.
    const caps = { capabilities: c.caps.map((capability) => ({ capability, state: true })) };
    if (c.caps.length) await dst.execute('migrate-set-capabilities', caps);
    await src.execute('migrate-set-parameters', { 'max-bandwidth': 32 * MiB, 'downtime-limit': 30 });
    if (c.caps.length) await src.execute('migrate-set-capabilities', caps);
    await src.execute('migrate', { uri });
    let q: Mig = { status: 'setup' };
    for (;;) {
      q = await src.execute<Mig>('query-migrate');
      if (q.status === 'completed' || q.status === 'failed' || q.status === 'cancelled') break;
      await sleep(20);
    }
    const r = q.ram;
    console.log(`${c.name}: guest RAM after ${BOOT_MS / 1000} s idle: ${pages.nonzero} non-zero pages (${(pages.nonzero * 4096 / MiB).toFixed(1)} MiB), ` +
      `${pages.zero} zero; target qemu up in ${targetUp.toFixed(0)} ms; migration ${q.status}: total ${q['total-time']} ms, ` +
      `setup ${q['setup-time']} ms, downtime ${q.downtime} ms, ${r ? (r.transferred / MiB).toFixed(1) : '?'} MiB on the wire, ` +
      `${r?.normal} normal pages (${r ? (r['normal-bytes'] / MiB).toFixed(1) : '?'} MiB), ${r?.duplicate} zero pages, ` +
      `${r?.['dirty-sync-count']} dirty syncs${q.compression ? `, compression ${JSON.stringify(q.compression)}` : ''}`);
  } finally {
    for (const cl of clients) cl.close();
    for (const p of procs) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const names = (process.env.CASES ?? 'plain,compress').split(',').map((s) => s.trim()).filter(Boolean);
for (const n of names) {
  const c = CASES[n];
  if (!c) throw new Error(`Unknown case '${n}' (allowed: ${Object.keys(CASES).join(', ')})`);
  await runCase(c);
}
