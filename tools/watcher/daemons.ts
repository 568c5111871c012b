// Keeping this node's daemons up (Ganeti's StartNodeDaemons / EnsureDaemon): daemon-util
// knows which daemons this node should run (noded everywhere, masterd and rapi on the
// master) and how to start them, so the watcher runs it rather than repeating that logic.
// On the master the RAPI daemon is also probed over HTTPS and restarted once if it is
// running but not answering.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { RAPI_PORT } from '../../daemons/common/constants.js';
import type { Paths } from '../../daemons/common/paths.js';
import { findProgram as findOwnProgram, programDir } from '../program-dir.js';
import type { WatcherLog } from './log.js';

/** One of our own programs (tools/program-dir.ts), by absolute path; never PATH. */
export function findProgram(name: string): string | null {
  return findOwnProgram(name, import.meta.url);
}

/**
 * Runs `daemon-util ARGS…`; its output goes to the watcher log (errors only when `quiet` is
 * not set). True when it succeeded.
 */
export function daemonUtil(args: string[], log: WatcherLog, quiet = false): Promise<boolean> {
  const prog = findProgram('daemon-util');
  if (!prog) {
    log.error(`daemon-util not found in ${programDir(import.meta.url)}; cannot check the daemons`);
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    execFile(prog, args, { env: process.env, timeout: 120_000 }, (err, stdout, stderr) => {
      for (const line of `${stdout}${stderr}`.split('\n').filter(Boolean)) {
        const text = `daemon-util ${args.join(' ')}: ${line}`;
        if (err && !quiet) log.error(text);
        // A daemon that had to be (re)started is news for the operator; "already running" is not.
        else if (!err && /\bstarted \(pid \d+\)/.test(line)) log.info(text);
        else log.debug(text);
      }
      resolve(!err);
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Ganeti's StartNodeDaemons (and, on the master, EnsureDaemon of masterd and rapi). Tried up
 * to three times a second apart: a daemon killed a moment ago can linger as a zombie until
 * init reaps it, and a new one refuses to start while its old pid still answers.
 */
export async function ensureDaemons(log: WatcherLog, attempts = 3): Promise<boolean> {
  for (let i = 1; i <= attempts; i++) {
    if (await daemonUtil(['start-all'], log, i < attempts)) return true;
    if (i < attempts) {
      log.debug(`daemon-util start-all failed (attempt ${i} of ${attempts}), trying again in a second`);
      await sleep(1000);
    }
  }
  log.error('Could not start every daemon this node should run (see daemon-util lines above)');
  return false;
}

/** --rapi-ip, else the -b address in RAPI_ARGS (a virtual node binds its own), else 127.0.0.1. */
export function rapiAddress(paths: Paths, override: string | null): string {
  if (override) return override;
  try {
    const text = readFileSync(paths.defaultsFile, 'utf8');
    const m = /^\s*(?:export\s+)?RAPI_ARGS=(.*)$/m.exec(text);
    const b = m ? /(?:^|[\s'"])(?:-b|--bind)[\s=]+([0-9A-Fa-f.:]+)/.exec(m[1]!) : null;
    if (b) return b[1]!;
  } catch { /* no defaults file: a real node */ }
  return '127.0.0.1';
}

/** GET /version; 401 counts as alive (RAPI answers, we just may not read). */
export function isRapiResponding(ip: string, log: WatcherLog, timeoutMs = 10_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: ip, port: RAPI_PORT, path: '/version', method: 'GET', rejectUnauthorized: false, timeout: timeoutMs, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => { body += d; });
        res.on('end', () => {
          if (res.statusCode === 200 || res.statusCode === 401) {
            log.debug(`Reported RAPI version ${body.trim() || '(none)'}`);
            resolve(true);
          } else {
            log.warning(`RAPI error: HTTP ${res.statusCode}`);
            resolve(false);
          }
        });
      });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (err) => { log.warning(`RAPI error: ${err.message}`); resolve(false); });
    req.end();
  });
}

/** On the master: RAPI must answer; restart it once if it does not (Ganeti's _GlobalWatcher). */
export async function checkRapi(paths: Paths, rapiIp: string | null, log: WatcherLog): Promise<void> {
  if (!findProgram('ganeti-rapi')) {
    log.debug('ganeti-rapi is not installed; not probing the remote API');
    return;
  }
  const ip = rapiAddress(paths, rapiIp);
  log.debug(`Attempting to talk to remote API on ${ip}`);
  if (await isRapiResponding(ip, log)) {
    log.debug('Successfully talked to remote API');
    return;
  }
  log.warning("Couldn't get answer from remote API, restarting daemon");
  await daemonUtil(['restart', 'ganeti-rapi'], log);
  log.debug('Second attempt to talk to remote API');
  if (await isRapiResponding(ip, log)) log.debug('Successfully talked to remote API');
  else log.critical('RAPI is not responding');
}
