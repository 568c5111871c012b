// kvm_extra: free extra qemu arguments. They are split like a shell would split words
// (whitespace, single and double quotes, backslash), but no shell ever sees them: the
// words go into qemu's argv as they are. Options that the driver itself manages (the
// daemonizing, control sockets, identity, memory and boot setup) are refused, because
// overriding them would make the instance unmanageable rather than customised.
import { ParameterError } from '../../common/errors.js';

/** qemu options kvm_extra may not carry, and why (shown to the user). */
const MANAGED: Record<string, string> = {
  daemonize: 'noded daemonizes qemu itself', pidfile: 'the pid file is managed', qmp: 'the QMP socket is managed',
  'qmp-pretty': 'the QMP socket is managed', monitor: 'the monitor is managed', mon: 'the monitor is managed',
  name: 'the name is the instance name', uuid: 'the UUID is the instance UUID', runas: 'use security_model',
  chroot: 'use use_chroot', incoming: 'migration is managed', nographic: 'it would take the serial console to stdio',
  serial: 'use serial_console', S: 'use --paused', m: 'use -B memory', smp: 'use -B vcpus and cpu_cores/threads/sockets',
  kernel: 'use kernel_path', initrd: 'use initrd_path', append: 'use kernel_args', machine: 'use machine_version and kvm_flag',
  M: 'use machine_version', accel: 'use kvm_flag', 'enable-kvm': 'use kvm_flag', 'no-shutdown': 'shutdown is managed',
  vnc: 'use vnc_bind_address', readconfig: 'configuration files are not allowed', writeconfig: 'configuration files are not allowed',
  daemonise: 'noded daemonizes qemu itself',
};

function bad(msg: string): never {
  throw new ParameterError(msg, { ecode: 'wrong_input' });
}

/** Splits text into words like POSIX sh (quotes and backslashes), without any expansion. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = null; else cur += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) cur += text[++i]!;
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c; inWord = true;
    } else if (c === '\\') {
      if (i + 1 < text.length) cur += text[++i]!;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) { words.push(cur); cur = ''; inWord = false; }
    } else {
      cur += c; inWord = true;
    }
  }
  if (quote) bad(`Unterminated ${quote === '"' ? 'double' : 'single'} quote in kvm_extra '${text}'`);
  if (inWord) words.push(cur);
  return words;
}

/** The qemu argv words of kvm_extra; ParameterError naming the bad word otherwise. */
export function parseKvmExtra(text: string): string[] {
  if (/[\0\n\r]/.test(text)) bad('kvm_extra must not contain NUL or line break characters');
  const words = splitWords(text);
  if (words.length && !words[0]!.startsWith('-')) {
    bad(`kvm_extra must start with a qemu option (such as -device), got '${words[0]}'`);
  }
  for (const w of words) {
    if (!w.startsWith('-') || /^-\d/.test(w)) continue;      // a value (negative numbers included)
    const m = /^--?([A-Za-z][A-Za-z0-9_-]*)$/.exec(w);
    if (!m) bad(`Invalid qemu option '${w}' in kvm_extra (expected -option or --option)`);
    const why = MANAGED[m[1]!];
    if (why) bad(`qemu option '${w}' is not allowed in kvm_extra: ${why}`);
  }
  return words;
}
