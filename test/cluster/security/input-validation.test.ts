// Names and parameters that reach a path or a command line are validated wherever they
// enter: gnt-* commands and opcodes sent straight to the master socket. Shell
// metacharacters, '../' paths and over-long names are refused with a message naming the
// value; the config serial stays, no file appears on any node, and no command ran.
import test, { type ExecutionContext } from 'ava';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readConfigCopySync } from '../../../daemons/common/config-journal.js';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';
import { rawMaster, submitRaw } from '../master-client.js';
import { waitFor } from '../faults/util.js';

const CANARY = '/tmp/gtsf-pwned';
const EVIL_NAMES = [
  `x;touch ${CANARY}`, `$(touch ${CANARY})`, `\`touch ${CANARY}\``, 'a|b', 'a&&b', "it's", 'a b', 'a\nb',
  '../../etc/passwd', '..', '-rf', 'a/b', 'a'.repeat(64), 'b'.repeat(5000),
];
let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({ nodes: 2, prefix: '127.0.78', nodeMemory: '8192',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
  const r = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-n', 'node2', 'taken']);
  if (r.code !== 0) throw new Error(r.stdout + r.stderr);
});
test.after.always(async () => { await vc?.stop(); });

const serial = () => readConfigCopySync<{ serial_no: number }>(join(vc.dir, 'node1/var/lib/ganeti/config.data')).doc.serial_no;

/** Every file of every node except logs and the job queue (which records the refused jobs). */
function files(dir = vc.dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const rel = relative(vc.dir, p);
    if (/^node\d+\/var\/(log|lib\/ganeti\/queue)/.test(rel) || /^node\d+\/var\/run\/ganeti\/socket/.test(rel)) continue;
    if (e.isDirectory()) files(p, out);
    else out.push(`${rel} ${e.isFile() ? statSync(p).size : ''}`);
  }
  return out;
}

/** The value as it may appear in a message (long ones are cut, line breaks escaped). */
function shown(v: string): RegExp {
  const head = v.replace(/\n/g, '\\n').slice(0, 40);
  return new RegExp((v.includes('\n') ? `${head.split('\\n')[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` : head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

async function unchanged(t: ExecutionContext, what: string, fn: () => Promise<void>): Promise<void> {
  const s = serial();
  const before = files().sort();
  await fn();
  t.is(serial(), s, `${what}: the config changed`);
  t.deepEqual(files().sort(), before, `${what}: files changed on a node`);
  t.false(existsSync(CANARY), `${what}: a command ran`);
}

const ADD = ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=16M', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-n', 'node2'];
const CLI_CASES: [string, (v: string) => string[]][] = [
  ['instance name (add)', (v) => [...ADD, v]],
  ['OS name', (v) => [...ADD.slice(0, 7), v, ...ADD.slice(8), 'okname']],
  ['node name (add)', (v) => ['gnt-node', 'add', '--no-ssh-key-check', v]],
  ['new instance name (rename)', (v) => ['gnt-instance', 'rename', '--no-name-check', 'taken', v]],
  ['file storage dir', (v) => ['gnt-cluster', 'modify', `--file-storage-dir=/srv/${v}`]],
];

for (const [what, argv] of CLI_CASES) {
  test.serial(`gnt-* refuses a bad ${what}`, async (t) => {
    for (const v of EVIL_NAMES) {
      if (what === 'file storage dir' && !/[^A-Za-z0-9._/+-]|\.\./.test(v)) continue;   // a long plain path is fine
      await unchanged(t, `${what} '${v.slice(0, 30)}'`, async () => {
        const r = await vc.gnt(argv(v), { timeoutMs: 60_000 });
        t.not(r.code, 0, `${what} '${v.slice(0, 30)}' was accepted: ${r.stdout}`);
        t.regex(r.stdout + r.stderr, shown(v), `${what}: the message names the value`);
      });
    }
  });
}

test.serial('gnt-cluster modify refuses relative and dotted storage dirs and a bad master netdev', async (t) => {
  for (const args of [['--file-storage-dir=srv/disks'], ['--file-storage-dir=/srv/../etc'], ['--shared-file-storage-dir=/srv/a;b'],
    ['--master-netdev=lo;id'], ['--master-netdev=-x'], ['-H', 'kvm:kvm_extra=-monitor stdio'], ['-H', 'kvm:kvm_extra=-device a\nb']]) {
    await unchanged(t, args.join(' '), async () => {
      const r = await vc.gnt(['gnt-cluster', 'modify', ...args]);
      t.not(r.code, 0, `${args.join(' ')} was accepted`);
      t.regex(r.stdout + r.stderr, /storage directory|network device|kvm_extra/);
    });
  }
});

/** Opcodes sent straight to the socket: refused at submission or failed as a job. */
async function refusedOpcode(t: ExecutionContext, what: string, op: Record<string, unknown>, bad: string): Promise<void> {
  await unchanged(t, what, async () => {
    const client = rawMaster(vc.dir);
    const [res] = await submitRaw(client, [JSON.stringify([op])]);
    client.close();
    if (!res!.ok) {
      t.regex(res!.error!.message, shown(bad), `${what}: the refusal names the value`);
      return;
    }
    const id = res!.job_id;
    const line = await waitFor(`job ${id}`, async () => {
      const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '--separator=|', '-o', 'status,opresult', String(id)]);
      return /^(success|error|canceled)\|/.test(r.stdout) ? r.stdout : null;
    }, 60_000, 300);
    t.regex(line, /^error\|/, `${what}: job ${id} did not fail`);
    t.regex(line.replace(/\\\\/g, '\\'), shown(bad), `${what}: the error names the value`);
  });
}

test.serial('opcodes on the master socket with bad names are refused', async (t) => {
  t.timeout(240_000);
  for (const v of EVIL_NAMES) {
    const base = { disk_template: 'diskless', name_check: false, ip_check: false, pnode: 'node2' };
    await refusedOpcode(t, `create '${v.slice(0, 20)}'`, { OP_ID: 'OP_INSTANCE_CREATE', ...base, os_type: 'dummy', instance_name: v }, v);
    await refusedOpcode(t, `os '${v.slice(0, 20)}'`, { OP_ID: 'OP_INSTANCE_CREATE', ...base, os_type: v, instance_name: 'okname' }, v);
    await refusedOpcode(t, `node add '${v.slice(0, 20)}'`, { OP_ID: 'OP_NODE_ADD', node_name: v }, v);
    await refusedOpcode(t, `rename '${v.slice(0, 20)}'`, { OP_ID: 'OP_INSTANCE_RENAME', instance_name: 'taken', new_name: v, name_check: false, ip_check: false }, v);
  }
  for (const dir of ['/srv/../etc', 'relative/dir', '/srv/a;b', '/srv/$(id)']) {
    await refusedOpcode(t, `file_storage_dir ${dir}`, { OP_ID: 'OP_CLUSTER_SET_PARAMS', file_storage_dir: dir }, dir);
    await refusedOpcode(t, `shared_file_storage_dir ${dir}`, { OP_ID: 'OP_CLUSTER_SET_PARAMS', shared_file_storage_dir: dir }, dir);
  }
  await refusedOpcode(t, 'kvm_extra', { OP_ID: 'OP_CLUSTER_SET_PARAMS', hvparams: { kvm: { kvm_extra: '-daemonize' } } }, '-daemonize');
});
