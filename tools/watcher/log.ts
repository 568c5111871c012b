// The watcher's log, log/ganeti/watcher.log, in Ganeti's format
// ("2009-10-25 23:30:47,984: ganeti-watcher pid=28867 INFO message"), so that what
// operators grep for stays the same. -d adds debug lines and copies every line to stderr;
// without it the watcher prints nothing (it runs from cron, which would mail any output).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Level = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

export interface WatcherLog {
  debug(msg: string): void;
  info(msg: string): void;
  warning(msg: string): void;
  error(msg: string): void;
  critical(msg: string): void;
}

const p2 = (n: number) => String(n).padStart(2, '0');

function stamp(d: Date): string {
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:` +
    `${p2(d.getSeconds())},${String(d.getMilliseconds()).padStart(3, '0')}`;
}

export function createWatcherLog(file: string, debug: boolean, stderr: (line: string) => void = (l) => process.stderr.write(l)): WatcherLog {
  let fileOk = true;
  try { mkdirSync(dirname(file), { recursive: true }); } catch { /* reported on first write */ }
  const write = (level: Level, msg: string) => {
    if (level === 'DEBUG' && !debug) return;
    const line = `${stamp(new Date())}: ganeti-watcher pid=${process.pid} ${level} ${msg}\n`;
    if (fileOk) {
      try { appendFileSync(file, line); } catch (err) {
        fileOk = false;
        stderr(`ganeti-watcher: cannot write the log ${file}: ${(err as Error).message}\n`);
      }
    }
    if (debug || !fileOk) stderr(line);
  };
  return {
    debug: (m) => write('DEBUG', m),
    info: (m) => write('INFO', m),
    warning: (m) => write('WARNING', m),
    error: (m) => write('ERROR', m),
    critical: (m) => write('CRITICAL', m),
  };
}
