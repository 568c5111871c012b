// The daemon-side programs a gnt-* verb starts (ganeti-cluster-init, ganeti-master-failover):
// options as JSON on stdin, JSON lines on stdout (InitProgramMessage: feedback, then ok or
// the typed error), exit 0 on success, 1 otherwise. The CLI side is runDaemonProgram.
import type { InitProgramMessage } from '../common/cluster-init-options.js';
import { encodeError } from '../common/errors.js';

function send(msg: InitProgramMessage): void {
  process.stdout.write(`${JSON.stringify(msg)}\n`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `work` with the options `parse` makes of stdin, reporting as the CLI expects. */
export async function runJsonProgram<O>(parse: (text: string) => O, work: (opts: O, feedback: (msg: string) => void) => Promise<void>): Promise<number> {
  try {
    await work(parse(await readStdin()), (feedback) => send({ feedback }));
    send({ ok: true });
    return 0;
  } catch (err) {
    send({ error: encodeError(err) });
    return 1;
  }
}
