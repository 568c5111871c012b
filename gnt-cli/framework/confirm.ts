// Ganeti's AskUser and ConfirmOperation: questions go to the controlling terminal, never to
// stdout; without a terminal (scripts, cron) the safe last choice ("no") is the answer.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Choice, CliIo } from './io.js';

/** textwrap.fill(line, width) for one paragraph: greedy word wrap. */
export function wrapText(text: string, width = 70): string {
  return text.split('\n').map((line) => {
    const words = line.split(/ +/).filter((w) => w.length);
    const out: string[] = [];
    let cur = '';
    for (const w of words) {
      if (cur && cur.length + 1 + w.length > width) {
        out.push(cur);
        cur = w;
      } else {
        cur = cur ? `${cur} ${w}` : w;
      }
    }
    out.push(cur);
    return out.join('\n');
  }).join('\n');
}

export const YES_NO: Choice<boolean>[] = [
  { key: 'y', value: true, help: 'Perform the operation' },
  { key: 'n', value: false, help: 'Do not perform the operation' },
];

function readTtyLine(fd: number): string {
  const buf = Buffer.alloc(1);
  let line = '';
  while (readSync(fd, buf, 0, 1, null) === 1) {
    const ch = buf.toString('utf8');
    if (ch === '\n') break;
    line += ch;
  }
  return line;
}

/** AskUser on /dev/tty; returns the last choice's value when there is no terminal. */
export function askOnTty<T>(question: string, choices: Choice<T>[]): T {
  const fallback = choices[choices.length - 1]!.value;
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return fallback;
  }
  try {
    const keys = choices.map((c) => c.key);
    keys[keys.length - 1] = `[${keys[keys.length - 1]}]`;
    keys.push('?');
    for (;;) {
      writeSync(fd, `${wrapText(question)}\n${keys.join('/')}: `);
      const answer = readTtyLine(fd).trim().toLowerCase();
      if (answer === '') return fallback;
      const hit = choices.find((c) => c.key === answer);
      if (hit) return hit.value;
      if (answer === '?') {
        writeSync(fd, `${choices.map((c) => ` ${c.key} - ${c.help}\n`).join('')}\n`);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Asks a plain yes/no question through the io. */
export function askYesNo(io: CliIo, question: string): Promise<boolean> {
  return io.askUser(question, YES_NO);
}

/**
 * cli.ConfirmOperation: "The <text> will operate on N <type>." with the list of affected
 * names (offered on request when there are more than 20).
 */
export async function confirmOperation(io: CliIo, names: string[], listType: string, text: string, extra = ''): Promise<boolean> {
  const msg = `The ${text} will operate on ${names.length} ${listType}.\n${extra}Do you want to continue?`;
  const affected = `\nAffected ${listType}:\n${names.map((n) => `  ${n}`).join('\n')}`;
  const choices: Choice<boolean | 'v'>[] = [
    { key: 'y', value: true, help: `Yes, execute the ${text}` },
    { key: 'n', value: false, help: `No, abort the ${text}` },
  ];
  let choice: boolean | 'v';
  if (names.length > 20) {
    choice = await io.askUser(msg, [choices[0]!, { key: 'v', value: 'v', help: `View the list of affected ${listType}` }, choices[1]!]);
    if (choice === 'v') choice = await io.askUser(msg + affected, choices);
  } else {
    choice = await io.askUser(msg + affected, choices);
  }
  return choice === true;
}
