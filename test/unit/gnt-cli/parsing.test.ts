// Option value syntaxes: sizes with units, key=val dicts, ident:key=val, ipolicy specs.
import test from 'ava';
import { formatUnit, parseUnit } from '../../../daemons/common/units.js';
import { parseYesNo, splitIdentKeyVal, splitKeyVal, splitMultiListIdentKeyVal, unescapeAndSplit } from '../../../daemons/common/client/keyval.js';
import { buildIPolicy, ipolicyCommandOptions, parseBoundsSpecs } from '../../../gnt-cli/framework/ipolicy.js';
import { parseBeParams } from '../../../daemons/common/client/params.js';

test('parseUnit: units, plain MiB, rounding up to multiples of 4', (t) => {
  t.is(parseUnit('512M'), 512);
  t.is(parseUnit('1G'), 1024);
  t.is(parseUnit('1g'), 1024);
  t.is(parseUnit('1.5T'), 1572864);
  t.is(parseUnit('100'), 100);
  t.is(parseUnit('513'), 516);
  t.is(parseUnit('0.5G'), 512);
  t.is(parseUnit('2 GiB'), 2048);
});

test('parseUnit: bad sizes name the value', (t) => {
  t.throws(() => parseUnit('x'), { message: /^Invalid size 'x'/ });
  t.throws(() => parseUnit('12Q'), { message: /Invalid size '12Q': unknown unit 'Q'/ });
  t.throws(() => parseUnit('-1'), { message: /Invalid size '-1'/ });
  t.throws(() => parseUnit(''), { message: /Invalid size ''/ });
});

test('formatUnit: human and fixed units', (t) => {
  t.is(formatUnit(512, 'h'), '512M');
  t.is(formatUnit(1024, 'h'), '1.0G');
  t.is(formatUnit(202137, 'h'), '197.4G');
  t.is(formatUnit(1258291, 'h'), '1.2T');
  t.is(formatUnit(2048, 'm'), '2048');
  t.is(formatUnit(2048, 'g'), '2.0');
  t.is(formatUnit(1048576, 't'), '1.0');
});

test('splitKeyVal: values, no_ and - prefixes, escapes, duplicates', (t) => {
  t.deepEqual(splitKeyVal('-B', 'memory=128,vcpus=1'), { memory: '128', vcpus: '1' });
  t.deepEqual(splitKeyVal('-B', 'no_auto_balance,-vcpus,acpi'), { auto_balance: false, vcpus: null, acpi: true });
  t.deepEqual(splitKeyVal('-H', 'kernel_args=console=ttyS0'), { kernel_args: 'console=ttyS0' });
  t.deepEqual(splitKeyVal('-H', 'usb_devices=a\\,b,x=1'), { usb_devices: 'a,b', x: '1' });
  t.deepEqual(splitKeyVal('-B', ''), {});
  t.throws(() => splitKeyVal('-B', 'a=1,a=2'), { message: "Duplicate key 'a' in option -B" });
  t.throws(() => splitKeyVal('--x', 'a', false), { message: /Missing value for key 'a' in option --x/ });
});

test('unescapeAndSplit keeps escaped separators', (t) => {
  t.deepEqual(unescapeAndSplit('a,b\\,c,d'), ['a', 'b,c', 'd']);
  t.deepEqual(unescapeAndSplit('a\\\\,b'), ['a\\', 'b']);
});

test('splitIdentKeyVal: hv:k=v, removal forms', (t) => {
  t.deepEqual(splitIdentKeyVal('-H', 'kvm:acpi=true,kernel_path=/k'), ['kvm', { acpi: 'true', kernel_path: '/k' }]);
  t.deepEqual(splitIdentKeyVal('-H', 'fake'), ['fake', {}]);
  t.deepEqual(splitIdentKeyVal('-H', 'no_kvm'), ['kvm', false]);
  t.deepEqual(splitIdentKeyVal('-H', '-kvm'), ['kvm', null]);
  t.deepEqual(splitIdentKeyVal('--disk', '-1:size=1'), ['-1', { size: '1' }]);
  t.throws(() => splitIdentKeyVal('-H', 'no_kvm:acpi=1'), { message: /Cannot pass options when removing parameter groups/ });
});

test('yes|no options', (t) => {
  t.true(parseYesNo('-C', 'yes'));
  t.false(parseYesNo('-C', 'No'));
  t.true(parseYesNo('-C', 'true'));
  t.throws(() => parseYesNo('-C', 'maybe'), { message: "Invalid boolean value 'maybe' for option -C (allowed: yes, no, true, false)" });
});

const ISPECS = 'min:disk-size=0,cpu-count=1,disk-count=0,memory-size=1,nic-count=0,spindle-use=0/' +
  'max:disk-size=1048576,cpu-count=8,disk-count=16,memory-size=32768,nic-count=8,spindle-use=12';

test('ipolicy bounds specs as vcluster-setup prints them', (t) => {
  // Sizes go through ParseUnit, which rounds up to a multiple of 4 MiB (memory-size=1 is 4).
  t.deepEqual(parseBoundsSpecs(ISPECS), [{
    min: { 'disk-size': 0, 'cpu-count': 1, 'disk-count': 0, 'memory-size': 4, 'nic-count': 0, 'spindle-use': 0 },
    max: { 'disk-size': 1048576, 'cpu-count': 8, 'disk-count': 16, 'memory-size': 32768, 'nic-count': 8, 'spindle-use': 12 },
  }]);
  t.deepEqual(splitMultiListIdentKeyVal('x', 'min:a=1/max:a=2//min:a=3/max:a=4').length, 2);
});

test('ipolicy specs accept units in sizes and refuse bad input', (t) => {
  const [mm] = parseBoundsSpecs(ISPECS.replace('disk-size=1048576', 'disk-size=1T').replace('memory-size=32768', 'memory-size=32G'));
  t.is(mm!.max['disk-size'], 1048576);
  t.is(mm!.max['memory-size'], 32768);
  t.throws(() => parseBoundsSpecs('min:cpu-count=1/max:cpu-count=2'), { message: /Missing parameters in ipolicy spec min: disk-count/ });
  t.throws(() => parseBoundsSpecs(ISPECS.replace('cpu-count=8', 'cpu-count=lots')), { message: /Invalid parameter cpu-count \(lots\) in max/ });
  t.throws(() => parseBoundsSpecs(ISPECS.replace('min:', 'low:')), { message: /Invalid key in bounds instance specifications: low/ });
  t.throws(() => parseBoundsSpecs(ISPECS.replace('nic-count=0', 'nics=0')), { message: /Unknown parameter 'nics' in min instance specs/ });
});

test('buildIPolicy assembles every ipolicy option', (t) => {
  t.is(buildIPolicy({}), null);
  const p = buildIPolicy({
    ipolicyStdSpecs: 'memory-size=128M,cpu-count=1', ipolicyDiskTemplates: 'file,diskless',
    ipolicyVcpuRatio: '4', ipolicySpindleRatio: 'default',
  });
  t.deepEqual(p, { std: { 'memory-size': 128, 'cpu-count': 1 }, 'disk-templates': ['file', 'diskless'], 'vcpu-ratio': 4, 'spindle-ratio': 'default' });
  t.throws(() => buildIPolicy({ ipolicyVcpuRatio: 'abc' }), { message: /Invalid value 'abc' for option --ipolicy-vcpu-ratio/ });
});

test('-B values are typed like Ganeti (sizes in MiB, ints, booleans)', (t) => {
  t.deepEqual(parseBeParams('memory=1G,vcpus=2,no_auto_balance'), { memory: 1024, vcpus: 2, auto_balance: false });
  t.deepEqual(parseBeParams('maxmem=512,always_failover=yes'), { maxmem: 512, always_failover: true });
  t.throws(() => parseBeParams('memory=lots'), { message: /Invalid value for backend parameter 'memory' in option -B: Invalid size 'lots'/ });
  t.throws(() => parseBeParams('vcpus=two'), { message: /Invalid value 'two' for backend parameter 'vcpus'/ });
  t.throws(() => parseBeParams('colour=red'), { message: /Unknown backend parameter 'colour' in option -B \(allowed: maxmem/ });
});

test('--specs-* options send only the bounds named (Ganeti split specs)', (t) => {
  t.deepEqual(buildIPolicy({ specsMemSize: 'max=1024' }), { minmax: [{ min: {}, max: { 'memory-size': 1024 } }] });
  t.deepEqual(buildIPolicy({ specsMemSize: 'min=128M,std=256M', specsCpuCount: 'max=4' }),
    { minmax: [{ min: { 'memory-size': 128 }, max: { 'cpu-count': 4 } }], std: { 'memory-size': 256 } });
  t.throws(() => buildIPolicy({ specsMemSize: 'top=1' }), { message: /Invalid key 'top' in --specs-mem-size \(allowed: min, max, std\)/ });
  const full = 'min:disk-size=0,cpu-count=1,disk-count=0,memory-size=1,nic-count=0,spindle-use=0/max:disk-size=1,cpu-count=8,disk-count=16,memory-size=32768,nic-count=8,spindle-use=12';
  t.throws(() => buildIPolicy({ specsMemSize: 'max=1', ipolicyBoundsSpecs: full }), { message: /Cannot use --ipolicy-bounds-specs together/ });
});

test('show-ispecs-cmd options recreate the policy they were printed from', (t) => {
  const spec = (m: number) => ({ 'cpu-count': 1, 'disk-count': 0, 'disk-size': 0, 'memory-size': m, 'nic-count': 0, 'spindle-use': 0 });
  const policy = { minmax: [{ min: spec(4), max: spec(1024) }], std: spec(128) };
  const text = ipolicyCommandOptions(policy, false);
  t.is(text, ' --ipolicy-std-specs cpu-count=1,disk-count=0,disk-size=0,memory-size=128,nic-count=0,spindle-use=0'
    + ' --ipolicy-bounds-specs min:cpu-count=1,disk-count=0,disk-size=0,memory-size=4,nic-count=0,spindle-use=0'
    + '/max:cpu-count=1,disk-count=0,disk-size=0,memory-size=1024,nic-count=0,spindle-use=0');
  const bounds = text.split(' --ipolicy-bounds-specs ')[1]!;
  t.deepEqual(parseBoundsSpecs(bounds), policy.minmax);
  t.is(ipolicyCommandOptions(policy, true).includes('std'), false, 'groups have no std spec');
  t.is(ipolicyCommandOptions({}, true), '');
});
