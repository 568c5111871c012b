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
