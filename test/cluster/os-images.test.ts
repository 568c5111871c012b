// OS definitions, image installs and profiles as a user drives them: a 2-node virtual cluster
// (fake hypervisor, file disks), the gnt-* commands, and the files on the nodes.
import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type RunResult, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;
const MIB = 1024 * 1024;

/** An OS definition as an admin would install it on a node (Ganeti OS API 20). */
function installOs(node: string, name: string, files: Record<string, string>): void {
  const dir = join(vc.dir, node, 'srv/ganeti/os', name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries({ ganeti_api_version: '20\n', 'parameters.list': '', ...files })) {
    writeFileSync(join(dir, f), text);
    if (!f.includes('.') && f !== 'ganeti_api_version') chmodSync(join(dir, f), 0o755);
  }
}

/** "lab": two variants, one parameter checked by verify; create stamps disk 0 with what it saw. */
const LAB: Record<string, string> = {
  'variants.list': 'a\nb\n',
  'parameters.list': 'color Desktop color (red or blue)\n',
  create: '#!/bin/sh\nset -e\necho "lab: installing $INSTANCE_NAME variant $OS_VARIANT color ${OSP_COLOR:-none}${INSTANCE_REINSTALL:+ (reinstall)}"\n' +
    'printf "lab %s %s %s\\n" "$OS_VARIANT" "${OSP_COLOR:-none}" "${INSTANCE_REINSTALL:-0}" | dd of="$DISK_0_PATH" conv=notrunc status=none\n',
  verify: '#!/bin/sh\ncase "${OSP_COLOR:-red}" in red|blue) exit 0 ;; esac\necho "color must be red or blue, not \'$OSP_COLOR\'" >&2\nexit 1\n',
  import: '#!/bin/sh\nexit 0\n', export: '#!/bin/sh\nexit 0\n', rename: '#!/bin/sh\nexit 0\n',
};

test.before(async () => {
  vc = await startVcluster({ nodes: 2, prefix: '127.0.60', nodeMemory: '16384',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-os', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
  for (const node of vc.nodes) installOs(node, 'lab', LAB);
  installOs('node1', 'half', { ...LAB, 'variants.list': '' });                 // only on node1
  for (const node of vc.nodes) installOs(node, 'broken', { ...LAB, create: '' }); // create not executable
  chmodSync(join(vc.dir, 'node1/srv/ganeti/os/broken/create'), 0o644);
  chmodSync(join(vc.dir, 'node2/srv/ganeti/os/broken/create'), 0o644);
});
test.after.always(async () => { await vc?.stop(); });

const ok = (t: { fail(m: string): void }, args: string[]) => vc.ok(t, args);
const all = (r: RunResult) => r.stdout + r.stderr;
const add = (name: string, ...args: string[]) =>
  vc.gnt(['gnt-instance', 'add', '-t', 'file', '--no-name-check', '--no-ip-check', ...args, name]);
const instances = async () => (await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name'])).stdout.split('\n').filter(Boolean);
/** Disk 0 of an instance, as a file on its node. */
function disk0(node: string, inst: string): string {
  const dir = join(vc.dir, node, 'srv/ganeti/file-storage', inst);
  const files = readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
  return join(dir, files[0]!);
}
const head = (file: string, n = 32) => readFileSync(file).subarray(0, n).toString('latin1').split('\n')[0];

test.serial('gnt-os list, info and diagnose show OSes, variants and per-node status as Ganeti', async (t) => {
  t.deepEqual((await ok(t, ['gnt-os', 'list'])).trim().split('\n'), ['Name', 'dummy', 'image+default', 'lab+a', 'lab+b']);
  t.deepEqual((await ok(t, ['gnt-os', 'list', '--no-headers'])).trim().split('\n').length, 4);
  t.is(await ok(t, ['gnt-os', 'info', 'lab']), 'lab:\n  - valid: True\n  - hidden: False\n  - blacklisted: False\n' +
    '  - API versions:\n    - 20\n  - variants:\n    - a\n    - b\n  - parameters:\n    - color: Desktop color (red or blue)\n\n');
  t.regex(await ok(t, ['gnt-os', 'info', 'image']), /  - parameters:\n    - image: Absolute path on the node .*\n    - image_type: Format of the image: raw or qcow2/);
  const diag = await vc.gnt(['gnt-os', 'diagnose']);
  t.is(diag.code, 1, 'some OS is not valid everywhere');
  const labDir = (n: string) => join(vc.dir, n, 'srv/ganeti/os/lab');
  t.true(diag.stdout.includes(`OS: lab [global status: valid]\n  Variants: [a, b]\n` +
    `  Node: node1, status: valid (path: ${labDir('node1')}) [API versions: 20] [variants: a, b] [parameters: color]\n` +
    `  Node: node2, status: valid (path: ${labDir('node2')}) [API versions: 20] [variants: a, b] [parameters: color]\n`), diag.stdout);
  t.regex(diag.stdout, /OS: half \[global status: partial valid\]\n  Node: node1, status: valid .*\n  Node: node2, status: OS not found\n/);
  t.regex(diag.stdout, /OS: broken \[global status: invalid\]\n  Node: node1, status: invalid - File 'create' under path '.*' is not executable/);
});

test.serial('variants: required when the OS has some, refused when unknown, accepted with --force-variant', async (t) => {
  const cases: [string[], RegExp][] = [
    [['-o', 'lab'], /OS name 'lab' must include a variant \(one of: lab\+a, lab\+b\)/],
    [['-o', 'lab+zz'], /Unsupported OS variant 'zz' for OS 'lab' \(supported: lab\+a, lab\+b\)/],
    [['-o', 'dummy+x'], /OS 'dummy' doesn't support variants \('x' passed\)/],
    [['-o', 'nosuchos'], /OS 'nosuchos' not in supported OS list for node node1: Directory for OS nosuchos not found in search path/],
    [['-o', 'broken'], /OS 'broken' not in supported OS list for node node1: File 'create' under path .* is not executable/],
  ];
  for (const [args, re] of cases) {
    const r = await add('v1', '--disk', '0:size=4M', '-n', 'node1', ...args);
    t.is(r.code, 1, args.join(' '));
    t.regex(all(r), re);
  }
  t.deepEqual(await instances(), [], 'nothing was created');
  t.false(existsSync(join(vc.dir, 'node1/srv/ganeti/file-storage/v1')));
  const forced = await ok(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=4M', '-n', 'node1', '-o', 'lab+zz', '--force-variant',
    '--no-start', '--no-name-check', '--no-ip-check', 'v1']);
  t.regex(forced, /lab: installing v1 variant zz color none/);
  t.is(head(disk0('node1', 'v1')), 'lab zz none 0');
  await ok(t, ['gnt-instance', 'remove', '-f', 'v1']);
});

test.serial('OS parameters: only declared names, checked by the OS verify script on the node before creation', async (t) => {
  const unknown = await add('p1', '--disk', '0:size=4M', '-n', 'node2', '-o', 'lab+a', '-O', 'colour=red');
  t.is(unknown.code, 1);
  t.regex(all(unknown), /OS Parameters validation failed on node node2: The following parameters are not supported by the OS lab: colour \(supported: color\)/);
  const bad = await add('p1', '--disk', '0:size=4M', '-n', 'node2', '-o', 'lab+a', '-O', 'color=green');
  t.is(bad.code, 1);
  t.regex(all(bad), /OS Parameters validation failed on node node2: OS validation script failed \(exited with exit code 1\), output: color must be red or blue, not 'green'/);
  t.deepEqual(await instances(), []);
  t.false(existsSync(join(vc.dir, 'node2/srv/ganeti/file-storage/p1')));
  const good = await ok(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=4M', '-n', 'node2', '-o', 'lab+b', '-O', 'color=blue',
    '--no-name-check', '--no-ip-check', 'p1']);
  // The script's output is in the job log, with where the whole log file is on the node.
  t.regex(good, /\* running the instance OS create scripts\.\.\.\n(.* )?lab: installing p1 variant b color blue\n(.* )? - INFO: OS script log on node node2: .*\/var\/log\/ganeti\/os\/add-lab\+b-p1-.*\.log/);
  const logs = readdirSync(join(vc.dir, 'node2/var/log/ganeti/os')).filter((f) => f.startsWith('add-lab+b-p1-'));
  t.is(logs.length, 1);
  t.regex(readFileSync(join(vc.dir, 'node2/var/log/ganeti/os', logs[0]!), 'utf8'), /lab: installing p1 variant b color blue/);
  t.is(head(disk0('node2', 'p1')), 'lab b blue 0');
  // modify -O goes through the same checks; a refusal changes nothing.
  const modBad = await vc.gnt(['gnt-instance', 'modify', '-O', 'color=green', 'p1']);
  t.is(modBad.code, 1);
  t.regex(all(modBad), /color must be red or blue, not 'green'/);
  t.regex(await ok(t, ['gnt-instance', 'modify', '-O', 'color=red', 'p1']), /os\/color -> red/);
  await ok(t, ['gnt-instance', 'modify', '-O', 'color=blue', 'p1']);
});

test.serial('reinstall: refused while running, reruns create with INSTANCE_REINSTALL=1, -o/-O change the OS', async (t) => {
  const running = await vc.gnt(['gnt-instance', 'reinstall', '-f', 'p1']);
  t.is(running.code, 1);
  t.regex(all(running), /Instance 'p1' is marked to be up, cannot reinstall/);
  await ok(t, ['gnt-instance', 'shutdown', 'p1']);
  // setsid: no controlling terminal, so the confirmation question gets its default answer (no).
  const noForce = await vc.gnt(['setsid', '-w', 'gnt-instance', 'reinstall', 'p1']);
  t.is(noForce.code, 1, 'without a terminal the confirmation is declined');
  t.is(head(disk0('node2', 'p1')), 'lab b blue 0');
  const again = await ok(t, ['gnt-instance', 'reinstall', '-f', 'p1']);
  t.regex(again, /Running the instance OS create scripts\.\.\.\n(.* )?lab: installing p1 variant b color blue \(reinstall\)/);
  t.is(head(disk0('node2', 'p1')), 'lab b blue 1');
  const badParam = await vc.gnt(['gnt-instance', 'reinstall', '-f', '-o', 'lab+a', '-O', 'color=pink', 'p1']);
  t.is(badParam.code, 1);
  t.regex(all(badParam), /color must be red or blue, not 'pink'/);
  t.is((await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'os', 'p1'])).trim(), 'lab+b', 'a refused reinstall changes nothing');
  const changed = await ok(t, ['gnt-instance', 'reinstall', '-f', '-o', 'lab+a', '-O', 'color=red', 'p1']);
  t.regex(changed, /Changing OS scripts to 'lab\+a'\.\.\./);
  t.is((await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'os', 'p1'])).trim(), 'lab+a');
  t.is(head(disk0('node2', 'p1')), 'lab a red 1');
  const missing = await vc.gnt(['gnt-instance', 'reinstall', '-f', 'nosuch']);
  t.is(missing.code, 1);
  t.regex(all(missing), /nosuch/);
  await ok(t, ['gnt-instance', 'remove', '-f', 'p1']);
});

/** A 1 MiB test image with recognisable bytes, as raw and qcow2, in node1's /srv/images. */
function makeImages(): Buffer {
  const b = Buffer.alloc(MIB);
  b.write('OS-IMAGE-TEST', 0);
  b.write('middle', 512 * 1024);
  const dir = join(vc.dir, 'node1/srv/images');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'base.raw'), b);
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', join(dir, 'base.raw'), join(dir, 'base.qcow2')]);
  return b;
}

test.serial('image installs: the image OS copies a qcow2 image onto disk 0; a missing image is refused first', async (t) => {
  const bytes = makeImages();
  const missing = await add('img2', '--disk', '0:size=4M', '-n', 'node2', '-o', 'image+default', '-O', 'image=/srv/images/base.qcow2');
  t.is(missing.code, 1);
  t.regex(all(missing), /OS Parameters validation failed on node node2: .*image '\/srv\/images\/base\.qcow2' does not exist on node node2/);
  const relative = await add('img2', '--disk', '0:size=4M', '-n', 'node1', '-o', 'image+default', '-O', 'image=base.qcow2');
  t.regex(all(relative), /the image path 'base\.qcow2' must be absolute/);
  t.false(existsSync(join(vc.dir, 'node2/srv/ganeti/file-storage/img2')));
  const out = await ok(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=4M', '-n', 'node1', '-o', 'image+default',
    '--os-parameters', 'image=/srv/images/base.qcow2', '--no-start', '--no-name-check', '--no-ip-check', 'img1']);
  t.regex(out, /image: writing \/srv\/images\/base\.qcow2 \(qcow2, 1048576 bytes\) onto disk 0 of img1 \(raw, 4194304 bytes\)/);
  const disk = readFileSync(disk0('node1', 'img1'));
  t.true(disk.subarray(0, MIB).equals(bytes), 'disk 0 holds the image');
  t.true(disk.subarray(MIB).equals(Buffer.alloc(3 * MIB)), 'and zeroes after it');
  await ok(t, ['gnt-instance', 'remove', '-f', 'img1']);
});

/** qemu-img info of an overlay: its format and backing file. */
function imageInfo(file: string): { format: string; backing: string } {
  const info = JSON.parse(execFileSync('qemu-img', ['info', '-U', '--output=json', file], { encoding: 'utf8' })) as Record<string, string>;
  return { format: info.format!, backing: info['backing-filename'] ?? '' };
}
/** Whether the guest sees `byte` in the first 64 KiB of an overlay. */
const seesPattern = (file: string, byte: string) =>
  spawnSync('qemu-io', ['-f', 'qcow2', '-r', '-U', '-c', `read -P ${byte} 0 64k`, file], { encoding: 'utf8' }).status === 0;
const writePattern = (file: string, byte: string) =>
  execFileSync('qemu-io', ['-f', 'qcow2', '-c', `write -P ${byte} 0 64k`, file], { encoding: 'utf8' });

test.serial('profiles: five overlays on one base instance; the base is never copied', async (t) => {
  makeImages();
  await ok(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=4M', '-n', 'node1', '-o', 'image+default',
    '-O', 'image=/srv/images/base.qcow2', '--no-start', '--no-name-check', '--no-ip-check', 'base1']);
  const base = disk0('node1', 'base1');
  const wrongNode = await add('pc0', '--disk', '0:size=4M,base_image=base1', '-n', 'node2', '-o', 'dummy');
  t.is(wrongNode.code, 1);
  t.regex(all(wrongNode), /An overlay on the disk of instance base1 must be on its node node1, not node2/);
  const noBase = await add('pc0', '--disk', '0:size=4M,base_image=nosuch', '-o', 'dummy');
  t.regex(all(noBase), /Disk 0: base_image 'nosuch' is neither an existing instance nor an absolute path/);
  for (let i = 1; i <= 5; i++) {
    // No -n: the base pins its overlays to its node.
    await ok(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=4M,base_image=base1', '-o', 'dummy',
      ...(i === 1 ? ['-B', 'discard_writes=yes'] : []), '--no-name-check', '--no-ip-check', `pc${i}`]);
  }
  for (let i = 1; i <= 5; i++) {
    const ov = disk0('node1', `pc${i}`);
    t.deepEqual(imageInfo(ov), { format: 'qcow2', backing: base }, `pc${i} is an overlay on base1's disk`);
    t.true(statSync(ov).size < 1024 * 1024, `pc${i}'s overlay holds no copy of the base`);
  }
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,pnode,status', 'pc3']), /pc3 +node1 +running/);
  t.true(readFileSync(base).subarray(0, 13).toString() === 'OS-IMAGE-TEST', 'the base keeps its content');
});

test.serial('profiles: the base can only change while none of its overlays runs, and no overlay starts meanwhile', async (t) => {
  const busy = await vc.gnt(['gnt-instance', 'startup', 'base1']);
  t.is(busy.code, 1);
  t.regex(all(busy), /Instance 'base1' holds the base image of 5 instance\(s\) and cannot be started while any of them runs \(running: pc1, pc2, pc3, pc4, pc5\)/);
  const reinstall = await vc.gnt(['gnt-instance', 'reinstall', '-f', 'base1']);
  t.is(reinstall.code, 1);
  t.regex(all(reinstall), /Instance 'base1' holds the base image of 5 instance\(s\) and cannot be reinstalled while any of them runs/);
  for (let i = 1; i <= 5; i++) await ok(t, ['gnt-instance', 'shutdown', `pc${i}`]);
  const started = await ok(t, ['gnt-instance', 'startup', 'base1']);
  t.regex(started, /WARNING: Changing the disk of base1 changes the base image under instances pc2, pc3, pc4, pc5/);
  const refused = await vc.gnt(['gnt-instance', 'startup', 'pc2']);
  t.is(refused.code, 1);
  t.regex(all(refused), /Instance 'pc2' uses the disk of instance 'base1' as its base image, and 'base1' is running/);
  const create = await add('pc6', '--disk', '0:size=4M,base_image=base1', '-o', 'dummy');
  t.regex(all(create), /would use the disk of instance 'base1' as its base image, but 'base1' is running/);
  t.false(existsSync(join(vc.dir, 'node1/srv/ganeti/file-storage/pc6')));
  await ok(t, ['gnt-instance', 'shutdown', 'base1']);
  await ok(t, ['gnt-instance', 'startup', 'pc2']);
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,status', 'pc2']), /pc2 +running/);
});

test.serial('profiles: discard_writes resets the overlay at every shutdown; other overlays keep their writes', async (t) => {
  const pc1 = disk0('node1', 'pc1');
  const pc3 = disk0('node1', 'pc3');
  await ok(t, ['gnt-instance', 'startup', 'pc1']);
  writePattern(pc1, '0x5a');
  writePattern(pc3, '0x33');
  t.true(seesPattern(pc1, '0x5a'));
  const stop = await ok(t, ['gnt-instance', 'shutdown', 'pc1']);
  t.regex(stop, /\* discarding the writes of instance pc1 \(1 overlay disk\(s\) reset to the base image\)/);
  t.false(seesPattern(pc1, '0x5a'), 'the write is gone');
  t.true(spawnSync('qemu-img', ['compare', '-U', '-f', 'qcow2', '-F', 'raw', pc1, disk0('node1', 'base1')]).status === 0,
    'pc1 sees exactly its base again');
  t.deepEqual(imageInfo(pc1).backing, disk0('node1', 'base1'));
  t.true(seesPattern(pc3, '0x33'), 'pc3 (no discard_writes) keeps its write');
  // A guest that powered itself off (no shutdown job) is reset when it is started again.
  writePattern(pc1, '0x5b');
  await ok(t, ['gnt-instance', 'startup', 'pc1']);
  t.false(seesPattern(pc1, '0x5b'));
  const bad = await vc.gnt(['gnt-instance', 'modify', '-B', 'discard_writes=maybe', 'pc2']);
  t.is(bad.code, 1);
  t.regex(all(bad), /discard_writes/);
  for (const i of [1, 2, 3, 4, 5]) await vc.gnt(['gnt-instance', 'remove', '-f', `pc${i}`]);
  await ok(t, ['gnt-instance', 'remove', '-f', 'base1']);
  rmSync(join(vc.dir, 'node1/srv/images'), { recursive: true, force: true });
});
