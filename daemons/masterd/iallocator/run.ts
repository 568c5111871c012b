// Running an allocator named by `-I NAME`: hail (shipped with us) answers in-process through the
// same code as the hail program; any other name is a program from the iallocator search path,
// run as Ganeti runs one: the input document in a file, the answer JSON on stdout.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hailAnswer, type IAnswer } from '../../common/htools/iallocator.js';
import { OpPrereqError } from '../../common/errors.js';
import type { Paths } from '../../common/paths.js';

export const DEFAULT_IALLOCATOR = 'hail';
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The program of an allocator, or null for the in-process hail. Unknown names are refused. */
export function findAllocator(paths: Paths, name: string): string | null {
  if (!NAME_RE.test(name)) {
    throw new OpPrereqError(`Invalid iallocator name '${name}': only letters, digits, '.', '_' and '-' are allowed`, { ecode: 'wrong_input' });
  }
  // hail is ours and always answered in-process, even where Ganeti's hail is installed too.
  if (name === DEFAULT_IALLOCATOR) return null;
  for (const dir of paths.iallocatorSearchPath) {
    const f = join(dir, name);
    try { accessSync(f, constants.X_OK); return f; } catch { /* next directory */ }
  }
  throw new OpPrereqError(`Can't find iallocator '${name}' in the search path (${paths.iallocatorSearchPath.join(', ')}); available: ${DEFAULT_IALLOCATOR}`,
    { ecode: 'wrong_input' });
}

function validAnswer(v: unknown, name: string): IAnswer {
  const o = v as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || typeof o.success !== 'boolean' || typeof o.info !== 'string' || !('result' in o)) {
    throw new OpPrereqError(`Iallocator '${name}' returned an invalid answer (want {success, info, result})`, { ecode: 'environment_error' });
  }
  return { success: o.success, info: o.info, result: o.result };
}

/** The answer, and the input and output texts (computed only when asked for: the in-process
 * hail works on the document itself, and at 1,000 instances serialising and parsing it was
 * most of an add's allocation time). */
export interface AllocatorRun { answer: IAnswer; readonly input: string; readonly output: string }

export async function runAllocator(paths: Paths, name: string, doc: Record<string, unknown>, signal?: AbortSignal): Promise<AllocatorRun> {
  const prog = findAllocator(paths, name);
  if (prog === null) {
    // The document is plain JSON values (buildInput), so hail reads it as it would read its text.
    const answer = hailAnswer(doc);
    return { answer, get input() { return JSON.stringify(doc); }, get output() { return JSON.stringify(answer); } };
  }
  const input = JSON.stringify(doc);
  const dir = mkdtempSync(join(paths.runDir, 'iallocator-'));
  try {
    const file = join(dir, 'input.json');
    writeFileSync(file, input, { mode: 0o600 });
    const output = await new Promise<string>((resolve, reject) => {
      execFile(prog, [file], { timeout: 300_000, maxBuffer: 64 << 20, signal }, (err, stdout, stderr) => {
        if (err) reject(new OpPrereqError(`Iallocator '${name}' failed: ${String(stderr || err.message).trim().split('\n').at(-1)}`, { ecode: 'environment_error' }));
        else resolve(stdout);
      });
    });
    let parsed: unknown;
    try { parsed = JSON.parse(output); } catch {
      throw new OpPrereqError(`Iallocator '${name}' returned invalid JSON: ${output.slice(0, 200)}`, { ecode: 'environment_error' });
    }
    return { answer: validAnswer(parsed, name), input, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
