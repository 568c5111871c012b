// hbal against Ganeti 3.0.2's hbal: the same plan, line for line, on a saved cluster state
// (small-cluster.txt, overcommitted and not N+1 happy at the start). The expected output is
// what Ganeti's own hbal printed for that file (small-cluster.ganeti-hbal.out).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hbal } from '../../../tools/htools/hbal.js';
import { parseText, serializeText } from '../../../daemons/common/htools/text-format.js';
import { compCV, detailedScore } from '../../../daemons/common/htools/score.js';

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, 'small-cluster.txt');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''; let err = '';
  const code = await hbal(argv, { out: (s) => { out += s; }, err: (s) => { err += s; }, masterSocket: () => '/nonexistent' });
  return { code, out, err };
}

test('hbal -t prints the plan Ganeti 3.0.2 prints for the same file', async (t) => {
  const r = await run(['-t', file]);
  t.is(r.code, 0);
  t.is(r.out, readFileSync(join(here, 'small-cluster.ganeti-hbal.out'), 'utf8'));
});

test('the cluster score and its components are Ganeti\'s (hinfo -v -v -v)', (t) => {
  const cd = parseText(readFileSync(file, 'utf8'));
  t.is(compCV(cd.nodes).toFixed(8), '38.32264539');
  const d = Object.fromEntries(detailedScore(cd.nodes).map((r) => [r.name, r.value.toFixed(8)]));
  t.is(d.free_mem_cv, '0.49765073');
  t.is(d.n1_cnt, '13.00000000');
  t.is(d.cpu_load_cv, '5.91269820');
  t.is(d.vcpu_ratio_cv, '1.17420186');
});

test('the text format survives a save and reload with the same score', (t) => {
  const cd = parseText(readFileSync(file, 'utf8'));
  const again = parseText(serializeText(cd));
  t.is(again.nodes.length, 5);
  t.is(again.instances.length, 24);
  t.is(compCV(again.nodes), compCV(cd.nodes));
  t.deepEqual(again.ipolicy, cd.ipolicy);
});

test('--max-length caps the plan and -C prints Ganeti\'s jobsets', async (t) => {
  const r = await run(['-t', file, '--max-length=3', '-C']);
  t.regex(r.out, /Solution length=3\n/);
  // moves 1 and 2 share node n0, moves 2 and 3 do not: Ganeti's jobsets are 1 job, then 2
  t.regex(r.out, /echo jobset 1, 1 jobs\n {4}echo job 1\/1\n {4}gnt-instance migrate -f -n n2 i02\n {2}\n {2}echo jobset 2, 2 jobs\n/);
});

test('bad input is refused naming the value', async (t) => {
  await t.throwsAsync(run(['-t', file, '--max-length=x']), { message: /Invalid value 'x' for --max-length/ });
  await t.throwsAsync(run(['-t', file, '--bogus']), { message: /unrecognized option '--bogus'/ });
  await t.throwsAsync(run(['-t', file, '-O', 'nosuch']), { message: /Unknown node 'nosuch'/ });
  t.throws(() => parseText('g|u|preferred|\n\nn1|x|0|0|0|0|1|N|u\n\n\n'), { message: /n1: cannot parse total memory 'x'/ });
  await t.throwsAsync(run(['-t', file, '-X']), { message: /only on LUXI/ });
});
