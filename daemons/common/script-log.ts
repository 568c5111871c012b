// The log file a node script's output is appended to (OS scripts, ext storage providers).
import { createWriteStream, type WriteStream } from 'node:fs';

/**
 * Opens `file` for appending; rejects when it cannot be opened. A write error later (a full
 * disk) loses log lines only: the script's run and the daemon go on, as Ganeti's do.
 */
export async function openScriptLog(file: string): Promise<WriteStream> {
  const stream = createWriteStream(file, { flags: 'a', mode: 0o640 });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.on('error', reject);   // stays: after 'open' the promise is settled and errors are dropped
  });
  return stream;
}
