import test from 'ava';
import { OpPrereqError } from '../../../daemons/common/errors.js';
import { resolvePaths } from '../../../daemons/common/paths.js';
import {
  checkDiskSpec, findTemplate, supportedTemplate, supportedTemplates, templateCan, templateMirror, templateNames,
} from '../../../daemons/storage/descriptors.js';
import { extParams } from '../../../daemons/storage/ext-descriptor.js';
import { diskFormat } from '../../../daemons/storage/file-descriptor.js';

test('file disks: raw by default, the template default or their own format, a backing image only for qcow2', (t) => {
  t.deepEqual(checkDiskSpec('file', { size: 1024 }, 'Disk 0'), { size: 1024, mode: 'rw', name: '', params: { format: 'raw' } });
  t.deepEqual(checkDiskSpec('file', { size: 1024 }, 'Disk 0', { format: 'qcow2' }).params, { format: 'qcow2' });
  t.deepEqual(checkDiskSpec('sharedfile', { size: 8, format: 'raw', mode: 'ro', name: 'data' }, 'Disk 0', { format: 'qcow2' }),
    { size: 8, mode: 'ro', name: 'data', params: { format: 'raw' } });
  t.deepEqual(checkDiskSpec('file', { size: 0, format: 'qcow2', backing: '/srv/images/base.qcow2' }, 'Disk 0').params,
    { format: 'qcow2', backing: '/srv/images/base.qcow2', backing_format: 'qcow2' });
  t.is(diskFormat({ format: 'qcow2' }), 'qcow2');
  t.is(diskFormat({}), 'raw');
});

test('bad file disk parameters name the value and what is allowed', (t) => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['file', { size: 0 }, /Disk 0: size must be a positive number of MiB, got 0/],
    ['file', { size: 1.5 }, /size must be a positive number of MiB, got 1.5/],
    ['file', { size: 8, mode: 'rx' }, /invalid access mode 'rx' \(allowed: rw, ro\)/],
    ['file', { size: 8, format: 'vmdk' }, /Invalid disk format 'vmdk' \(allowed: raw, qcow2\)/],
    ['file', { size: 8, backing: '/a.qcow2' }, /a backing image needs format=qcow2 \(the disk would be raw\)/],
    ['file', { size: 8, format: 'qcow2', backing: 'a.qcow2' }, /Invalid backing image 'a.qcow2': expected an absolute path/],
    ['file', { size: 8, format: 'qcow2', backing: '/a/../b' }, /Invalid backing image/],
    ['file', { size: 8, format: 'qcow2', backing: '/a', backing_format: 'vdi' }, /Invalid backing image format 'vdi'/],
    ['file', { size: 8, backing_format: 'raw' }, /backing_format given without a backing image/],
    ['file', { size: 8, provider: 'filedisk' }, /the 'provider' option is only valid for the ext disk template, not file/],
    ['file', { size: 8, colour: 'blue' }, /unknown parameter\(s\) colour for the file disk template \(allowed: .*format/],
    ['diskless', { size: 8, format: 'raw' }, /unknown parameter\(s\) format/],
    ['file', { size: 8, adopt: 'lv0' }, /disk adoption is not supported for the 'file' disk template/],
  ];
  for (const [tpl, d, re] of cases) {
    const err = t.throws(() => checkDiskSpec(tpl, d, 'Disk 0'), { instanceOf: OpPrereqError }, JSON.stringify(d));
    t.regex(err.message, re);
    t.is(err.ecode, 'wrong_input');
  }
});

test('ext disks: a provider, and every other key is a provider parameter', (t) => {
  const s = checkDiskSpec('ext', { size: 100, provider: 'filedisk', dir: '/srv/vols', mode: 'rw', spindles: 1 }, 'Disk 0');
  t.deepEqual(s, { size: 100, mode: 'rw', name: '', params: { provider: 'filedisk', dir: '/srv/vols' } });
  t.deepEqual(extParams(s.params), { dir: '/srv/vols' });
  t.throws(() => checkDiskSpec('ext', { size: 100 }, 'Disk 1'), { message: /Disk 1: missing provider for template 'ext'/ });
  t.throws(() => checkDiskSpec('ext', { size: 100, provider: 'a/b' }, 'Disk 1'), { message: /invalid ExtStorage provider name 'a\/b'/ });
  t.throws(() => checkDiskSpec('ext', { size: 100, provider: 'p', 'bad-key': 'x' }, 'Disk 1'), { message: /invalid ExtStorage parameter name 'bad-key'/ });
  t.throws(() => checkDiskSpec('ext', { size: 100, provider: 'p', flag: null }, 'Disk 1'), { message: /ExtStorage parameter 'flag' must have a value/ });
});

test('the one template registry: Ganeti\'s names, those without a driver refused by name', (t) => {
  t.deepEqual(templateNames(), ['diskless', 'file', 'sharedfile', 'plain', 'drbd', 'ext', 'rbd', 'blockdev', 'gluster']);
  t.deepEqual(supportedTemplates(), ['diskless', 'file', 'sharedfile', 'ext']);
  const err = t.throws(() => checkDiskSpec('plain', { size: 8 }, 'Disk 0'), { instanceOf: OpPrereqError });
  t.is(err.message, "Disk template 'plain' is not supported by this build (supported: diskless, file, sharedfile, ext)");
  t.regex(t.throws(() => supportedTemplate('lvm')).message, /Disk template 'lvm' is unknown/);
  t.true(templateCan('file', 'grow'));
  t.false(templateCan('diskless', 'grow'));
  t.is(templateMirror('sharedfile'), 'external');
  t.is(templateMirror('file'), 'none');
});

test('every supported template\'s driver declares its descriptor\'s capabilities', async (t) => {
  const paths = resolvePaths({ GANETI_ROOTDIR: '/nonexistent-root/node1', GANETI_HOSTNAME: 'node1' });
  for (const name of supportedTemplates()) {
    const d = findTemplate(name)!;
    const driver = (await d.load!())(paths);
    t.is(driver.kind, name);
    t.deepEqual(driver.capabilities, d.capabilities, name);
  }
  for (const name of templateNames().filter((n) => !supportedTemplates().includes(n))) t.is(findTemplate(name)!.load, undefined, name);
});
