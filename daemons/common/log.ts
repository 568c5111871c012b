// One line per event, to a daemon's log file (or stderr). Tracers as in grpc-js:
// GANETI_TRACE=rpc,locks,jqueue switches on debug lines of those components; GANETI_DEBUG=1 all.
import { appendFileSync } from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, meta?: Record<string, unknown>): void;
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
  child(component: string): Logger;
}

let sinkFile: string | null = null;
const traced = new Set((process.env.GANETI_TRACE ?? '').split(',').filter(Boolean));
const debugAll = process.env.GANETI_DEBUG === '1';

/** Sends every logger's lines to this file (daemons call it once in main). */
export function setLogFile(path: string | null): void { sinkFile = path; }

function write(level: LogLevel, component: string, msg: string, meta?: Record<string, unknown>): void {
  const line = `${new Date().toISOString()} ${component} ${level.toUpperCase()} ${msg}${
    meta && Object.keys(meta).length ? ' ' + JSON.stringify(meta) : ''}\n`;
  if (sinkFile) {
    try { appendFileSync(sinkFile, line); return; } catch { /* fall through to stderr */ }
  }
  process.stderr.write(line);
}

export function createLogger(component: string): Logger {
  const debugOn = debugAll || traced.has(component) || traced.has('all');
  return {
    debug: (m, meta) => { if (debugOn) write('debug', component, m, meta); },
    info: (m, meta) => write('info', component, m, meta),
    warn: (m, meta) => write('warn', component, m, meta),
    error: (m, meta) => write('error', component, m, meta),
    child: (sub) => createLogger(`${component}.${sub}`),
  };
}

/** A logger that drops everything (unit tests). */
export const nullLogger: Logger = {
  debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined,
  child: () => nullLogger,
};
