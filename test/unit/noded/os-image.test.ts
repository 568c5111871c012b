// The shipped `image` OS, run for real (sh scripts + qemu-img) on a throw-away node root:
// verify refuses bad parameters with clear messages, create writes the image's bytes onto
// disk 0 in the disk's own format.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpExecError } from '../../../daemons/common/errors.js';
import type { Paths } from '../../../daemons/common/paths.js';
import { instanceOsAdd, validateOs } from '../../../daemons/noded/backend/os.js';
import { installShippedOses } from '../../../daemons/common/shipped-files.js';
import type { Instance__Output } from '../../../proto/generated/ganeti/Instance.js';
import { makeTempNode, type TempNode } from './helpers/temp-node.js';

const MIB = 1024 * 1024;
const nodes: TempNode[] = [];
test.after.always(() => { for (const n of nodes) n.cleanup(); });

/** A 1 MiB raw image with recognisable bytes at the start, the middle and the end. */
function pattern(): Buffer {
  const b = Buffer.alloc(MIB);
  b.write('GANETI-IMAGE-START', 0);
  b.write('middle-of-image', 512 * 1024);
  b.write('END', MIB - 3);
  return b;
}

interface Fixture { paths: Paths; root: string; raw: string; qcow2: string }

async function fixture(): Promise<Fixture> {
  const n = makeTempNode();
  nodes.push(n);
  await installShippedOses(n.paths);
  const dir = join(n.root, 'srv', 'images');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'base.img'), pattern());
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', join(dir, 'base.img'), join(dir, 'base.qcow2')]);
  return { paths: n.paths, root: n.root, raw: '/srv/images/base.img', qcow2: '/srv/images/base.qcow2' };
}

function disk(f: Fixture, name: string, sizeMiB: number, format: 'raw' | 'qcow2' = 'raw'): string {
  const path = join(f.root, name);
  execFileSync('qemu-img', ['create', '-q', '-f', format, path, `${sizeMiB}M`]);
  return path;
}

function instance(osparams: Record<string, string>, format?: string): Instance__Output {
  return {
    name: 'img1', uuid: 'u-1', hypervisor: 'fake', os: 'image+default', primary_node: 'node1', hvparams_json: '{}',
    memory: 128, vcpus: 1, nics: [], network_port: 0, admin_state: 'down', osparams_json: JSON.stringify(osparams),
    disks: [{ uuid: 'd-1', name: '', dev_type: 'file', size: 2, logical_id: ['loop', '/x'], iv_name: 'disk/0', mode: 'rw',
      params_json: format ? JSON.stringify({ format }) : '' }],
  };
}

/** The first MiB the guest would see on a disk, whatever its format. */
function guestBytes(f: Fixture, path: string, format: string): Buffer {
  const out = join(f.root, 'readback.raw');
  execFileSync('qemu-img', ['convert', '-f', format, '-O', 'raw', path, out]);
  return readFileSync(out);
}

test('a raw image is written byte for byte onto a raw disk 0, the rest of the disk stays zero', async (t) => {
  const f = await fixture();
  const target = disk(f, 'disk0.raw', 2);
  const r = await instanceOsAdd(f.paths, { instance: instance({ image: f.raw }), diskPaths: [target], debug: 0, reinstall: false });
  t.regex(r.log, /image: writing \/srv\/images\/base\.img \(raw, 1048576 bytes\) onto disk 0 of img1 \(raw, 2097152 bytes\)\nimage: done/);
  const bytes = readFileSync(target);
  t.true(bytes.subarray(0, MIB).equals(pattern()));
  t.true(bytes.subarray(MIB).equals(Buffer.alloc(MIB)));
  t.regex(readFileSync(r.log_file, 'utf8'), /image: done/);
});

test('a qcow2 image (file:// URL) is converted onto a raw disk; a raw image onto a qcow2 disk', async (t) => {
  const f = await fixture();
  const raw = disk(f, 'disk0.raw', 2);
  await instanceOsAdd(f.paths, { instance: instance({ image: `file://${f.qcow2}` }), diskPaths: [raw], debug: 0, reinstall: false });
  t.true(readFileSync(raw).subarray(0, MIB).equals(pattern()));
  const q = disk(f, 'disk0.qcow2', 2, 'qcow2');
  const r = await instanceOsAdd(f.paths, { instance: instance({ image: f.raw }, 'qcow2'), diskPaths: [q], debug: 0, reinstall: true });
  t.regex(r.log, /reinstalling img1: disk 0 is overwritten[^]*\(qcow2, 2097152 bytes\)/);
  t.true(guestBytes(f, q, 'qcow2').subarray(0, MIB).equals(pattern()));
});

test('an image bigger than disk 0 is refused before anything is written', async (t) => {
  const f = await fixture();
  writeFileSync(join(f.root, 'srv/images/big.img'), Buffer.alloc(3 * MIB, 1));
  const target = disk(f, 'small.raw', 2);
  const err = await t.throwsAsync(instanceOsAdd(f.paths, { instance: instance({ image: '/srv/images/big.img' }), diskPaths: [target], debug: 0, reinstall: false }),
    { instanceOf: OpExecError });
  t.regex(err.message, /image '\/srv\/images\/big\.img' needs 3145728 bytes but disk 0 of img1 has only 2097152 bytes \(use a bigger disk\)/);
  t.true(readFileSync(target).equals(Buffer.alloc(2 * MIB)));
});

test('verify accepts a good image and refuses bad parameters with what is allowed', async (t) => {
  const f = await fixture();
  const check = (osparams: Record<string, string>) =>
    validateOs(f.paths, { osName: 'image+default', osparams, checks: ['parameters'], required: true });
  t.deepEqual(await check({ image: f.qcow2 }), { found: true });
  t.deepEqual(await check({ image: f.raw, image_type: 'raw' }), { found: true });
  const refusals: [Record<string, string>, RegExp][] = [
    [{}, /the OS parameter 'image' is required \(an absolute path on the node/],
    [{ image: 'images/base.img' }, /the image path 'images\/base\.img' must be absolute/],
    [{ image: '/srv/images/../images/base.img' }, /must be normalized/],
    [{ image: 'http://example.com/debian.qcow2' }, /only absolute paths and file:\/\/ URLs are allowed/],
    [{ image: '/srv/images/missing.qcow2' }, /image '\/srv\/images\/missing\.qcow2' does not exist on node node1/],
    [{ image: f.raw, image_type: 'vmdk' }, /invalid image_type 'vmdk' \(allowed: raw, qcow2\)/],
    [{ image: f.raw, image_type: 'qcow2' }, /'\/srv\/images\/base\.img' is not a valid qcow2 image/],
    [{ image: f.raw, size: '1G' }, /The following parameters are not supported by the OS image: size \(supported: image, image_type\)/],
  ];
  for (const [params, re] of refusals) {
    const err = await t.throwsAsync(check(params), undefined, JSON.stringify(params));
    t.regex(err?.message ?? '', re, JSON.stringify(params));
  }
});
