// hail against Ganeti 3.0.2's hail: for each request type the same answer, byte for byte, on
// the same input document (iallocator/*.json; the expected answers are what Ganeti's hail
// printed for them, iallocator/*.ganeti-hail.out).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hail } from '../../../tools/htools/hail.js';
import { hailAnswer } from '../../../daemons/common/htools/iallocator.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'iallocator');

async function run(argv: string[]): Promise<string> {
  let out = '';
  const code = await hail(argv, { out: (s) => { out += s; }, err: () => {}, masterSocket: () => '/nonexistent' });
  if (code !== 0) throw new Error(`exit ${code}`);
  return out;
}

for (const kind of ['alloc', 'reloc', 'evac', 'multi']) {
  test(`${kind}: the answer Ganeti's hail gives`, async (t) => {
    t.is(await run([join(dir, `${kind}.json`)]), readFileSync(join(dir, `${kind}.ganeti-hail.out`), 'utf8'));
  });
}

test('a bad document is answered with success false and the reason', (t) => {
  t.deepEqual(hailAnswer('{'), { success: false, info: hailAnswer('{').info, result: [] });
  t.regex(hailAnswer('{').info, /Parsing input IAllocator message/);
  const doc = JSON.parse(readFileSync(join(dir, 'alloc.json'), 'utf8'));
  doc.request.type = 'teleport';
  t.regex(hailAnswer(JSON.stringify(doc)).info, /Invalid request type 'teleport'/);
});

test('an allocation that fits nowhere fails with the failure reasons', (t) => {
  const doc = JSON.parse(readFileSync(join(dir, 'alloc.json'), 'utf8'));
  doc.request.memory = 1024 * 1024;
  const a = hailAnswer(JSON.stringify(doc));
  t.false(a.success);
  t.regex(a.info, /FailMem: 8/);
});

test("the master's in-process run on the document gives the answer of the program on its text", (t) => {
  for (const kind of ['alloc', 'reloc', 'evac', 'multi']) {
    const text = readFileSync(join(dir, `${kind}.json`), 'utf8');
    t.deepEqual(hailAnswer(JSON.parse(text) as Record<string, unknown>), hailAnswer(text), kind);
  }
  const doc = JSON.parse(readFileSync(join(dir, 'alloc.json'), 'utf8'));
  doc.request.memory = 'lots';
  t.deepEqual(hailAnswer(doc), hailAnswer(JSON.stringify(doc)));
  t.false(hailAnswer(doc).success);
});

test('bad node and instance data: the answer names the first bad field and what it must be', (t) => {
  const base = readFileSync(join(dir, 'alloc.json'), 'utf8');
  const info = (change: (d: { nodes: Record<string, Record<string, unknown>>; instances: Record<string, Record<string, unknown>> }) => void) => {
    const d = JSON.parse(base);
    change(d);
    const a = hailAnswer(JSON.stringify(d));
    t.false(a.success);
    return a.info;
  };
  t.is(info((d) => { d.nodes.node1!.group = 5; }), "invalid data for node 'node1': 'group' must be a string, got 5");
  t.is(info((d) => { d.nodes.node1!.group = 'nope'; }), "invalid data for node 'node1': unknown group 'nope'");
  t.is(info((d) => { d.nodes.node1!.free_memory = 'lots'; }), "invalid data for node 'node1': 'free_memory' must be a number, got \"lots\"");
  t.is(info((d) => { d.nodes.node1!.tags = 'a'; d.nodes.node1!.total_cpus = null; }), "invalid data for node 'node1': 'total_cpus' must be a number, got null");
  t.is(info((d) => { d.nodes.node1!.tags = 'a'; }), "invalid data for node 'node1': 'tags' must be a list of strings, got \"a\"");
  t.is(info((d) => { d.instances.inst00!.vcpus = '2'; }), "invalid data for instance 'inst00': 'vcpus' must be a number, got \"2\"");
  t.is(info((d) => { d.instances.inst00!.tags = [1]; d.instances.inst00!.disk_template = 'zz'; }), "invalid data for instance 'inst00': 'tags' must be a list of strings, got [1]");
  t.is(info((d) => { d.instances.inst00!.disk_template = 'zz'; }), "invalid data for instance 'inst00': unknown disk template 'zz'");
});
