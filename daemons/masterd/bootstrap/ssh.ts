// SSH client for node bootstrap (gnt-node add): before a node has a certificate signed by
// the cluster CA, SSH is the only channel the master has to it. We run a few commands and
// upload a few files, then everything else goes over gRPC with mutual TLS.
//
// Host keys are checked against the master's known_hosts (known-hosts.ts), as Ganeti does:
// the connection carries the new node's certificate and the cluster CA *to* it, so a host
// in the middle must not get them. --no-ssh-key-check accepts and records an unknown key;
// a changed key is always refused. From then on the node is authenticated by its TLS
// certificate, not by SSH.
//
// ssh2 is imported lazily: only node bootstrap needs it, and it is a large dependency that
// the master should not load at start-up (it also stays outside the bundle, see bundle.mjs).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix } from 'node:path';
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { NodeUnreachableError, OpExecError } from '../../common/errors.js';
import type { Paths } from '../../common/paths.js';
import { checkHostKey } from './known-hosts.js';

export interface SshSettings {
  port: number;
  user: string;
  privateKey: Buffer;
  /** Where the key came from, for error messages. */
  keyFile: string;
  /** The master's record of node host keys (Ganeti's DATA_DIR/known_hosts). */
  knownHostsFile: string;
}
export interface SshTarget { host: string; ip: string }
export interface SshOptions {
  settings: SshSettings;
  /** Whole-operation deadline (default 60 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** --no-ssh-key-check: accept and record a host key known_hosts lacks (never a changed one). */
  acceptNewHostKey?: boolean;
}
export interface SshExecOptions extends SshOptions {
  /** Written to the command's stdin, then closed. */
  input?: string | Buffer;
}
export interface SshResult { code: number; stdout: string; stderr: string }
export interface UploadFile { path: string; content: string | Buffer; mode: number }

const DEFAULT_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 15_000;

/** Port, user and key for reaching other nodes: vcluster.json on a virtual cluster, else root with ~/.ssh keys. */
export function sshSettings(paths: Paths): SshSettings {
  if (paths.clusterDir) {
    const file = join(paths.clusterDir, 'vcluster.json');
    let desc: { ssh_port?: unknown; ssh_user?: unknown; ssh_key?: unknown };
    try {
      desc = JSON.parse(readFileSync(file, 'utf8')) as typeof desc;
    } catch (err) {
      throw new OpExecError(`Cannot read the virtual cluster's SSH settings from ${file} ` +
        `(was the cluster made by vcluster-setup?): ${(err as Error).message}`, { cause: err });
    }
    const port = Number(desc.ssh_port);
    if (!Number.isInteger(port) || port < 1 || port > 65535 || typeof desc.ssh_user !== 'string' ||
        typeof desc.ssh_key !== 'string') {
      throw new OpExecError(`${file} lacks a valid ssh_port, ssh_user or ssh_key`);
    }
    return { port, user: desc.ssh_user, ...readKey([desc.ssh_key]), knownHostsFile: knownHostsFile(paths) };
  }
  return { port: 22, user: 'root', ...readKey(['id_ed25519', 'id_rsa'].map((k) => join(homedir(), '.ssh', k))), knownHostsFile: knownHostsFile(paths) };
}

export function knownHostsFile(paths: Paths): string { return join(paths.dataDir, 'known_hosts'); }

function readKey(files: string[]): { privateKey: Buffer; keyFile: string } {
  for (const keyFile of files) {
    try {
      return { privateKey: readFileSync(keyFile), keyFile };
    } catch { /* try the next one */ }
  }
  throw new OpExecError(`No SSH private key for node bootstrap: tried ${files.join(', ')}`);
}

/** Quotes one word for a POSIX shell; plain words stay readable. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line that runs argv on a node: through DIR/<node>/cmd on a virtual cluster
 * (it sets GANETI_ROOTDIR/GANETI_HOSTNAME and PATH), as is on a real node.
 */
export function remoteCommand(paths: Paths, nodeName: string, argv: string[]): string {
  if (!paths.clusterDir) return argv.map(shellQuote).join(' ');
  // cmd hands a single argument to `bash -c`; quoting it once more keeps it one word.
  const args = argv.length === 1 ? [shellQuote(shellQuote(argv[0]!))] : argv.map(shellQuote);
  return [shellQuote(join(paths.clusterDir, nodeName, 'cmd')), ...args].join(' ');
}

function where(t: SshTarget, s: SshSettings): string {
  return `${t.host} (${t.ip}:${s.port})`;
}

/** One authenticated connection; run several commands and uploads over it, then close(). */
export interface SshSession {
  exec(command: string, opts?: { input?: string | Buffer }): Promise<SshResult>;
  upload(files: UploadFile[]): Promise<void>;
  close(): void;
}

export async function openSsh(target: SshTarget, opts: SshOptions): Promise<SshSession> {
  const { Client: SshClient } = await import('ssh2');
  const s = opts.settings;
  const client: Client = new SshClient();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let hostKeyProblem: string | null = null;
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => { client.end(); reject(abortError(opts.signal, target, s)); };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    client.once('ready', () => {
      opts.signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    // on, not once: a refused handshake can be followed by the socket's own ECONNRESET, and
    // an error event without a listener would end the whole daemon. After the first error
    // (or after 'ready') the promise is settled and further errors change nothing here.
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      opts.signal?.removeEventListener('abort', onAbort);
      client.end();
      reject(hostKeyProblem ? new OpExecError(hostKeyProblem, { ecode: 'environment_error', cause: err }) : connectError(err, target, s));
    });
    client.connect({
      host: target.ip,
      port: s.port,
      username: s.user,
      privateKey: s.privateKey,
      readyTimeout: Math.min(timeoutMs, CONNECT_TIMEOUT_MS),
      hostVerifier: (key: Buffer) => {
        try {
          hostKeyProblem = checkHostKey(s.knownHostsFile, [target.host, target.ip], key, !!opts.acceptNewHostKey);
        } catch (err) {
          hostKeyProblem = `Cannot check the SSH host key of node ${target.host}: ${(err as Error).message}`;
        }
        return hostKeyProblem === null;
      },
    });
  });
  // Errors after 'ready' surface through the pending exec/upload (the listener above stays).
  let sftp: SFTPWrapper | null = null;
  return {
    exec: (command, o = {}) => execOn(client, target, command, { ...opts, input: o.input }),
    upload: async (files) => {
      sftp ??= await withDeadline(new Promise<SFTPWrapper>((resolve, reject) => {
        client.sftp((err, w) => (err ? reject(sftpError(err, 'starting SFTP', target, s)) : resolve(w)));
      }), timeoutMs, opts.signal, target, s, () => client.end());
      const made = new Set<string>();
      for (const f of files) await uploadOne(sftp, f, made, target, s);
    },
    close: () => client.end(),
  };
}

/** Runs one command on a node over a fresh connection. A non-zero exit is a result, not an error. */
export async function sshExec(target: SshTarget, command: string, opts: SshExecOptions): Promise<SshResult> {
  const session = await openSsh(target, opts);
  try {
    return await session.exec(command, { input: opts.input });
  } finally {
    session.close();
  }
}

/** Writes files on a node via SFTP, creating parent directories; each file appears atomically. */
export async function sshUpload(target: SshTarget, files: UploadFile[], opts: SshOptions): Promise<void> {
  const session = await openSsh(target, opts);
  try {
    await withDeadline(session.upload(files), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, opts.signal, target,
      opts.settings, () => session.close());
  } finally {
    session.close();
  }
}

function execOn(client: Client, target: SshTarget, command: string, opts: SshExecOptions): Promise<SshResult> {
  const s = opts.settings;
  const run = new Promise<SshResult>((resolve, reject) => {
    client.exec(command, (err: Error | undefined, stream: ClientChannel) => {
      if (err) return reject(new OpExecError(`Cannot run a command on ${where(target, s)} over SSH: ${err.message}`, { cause: err }));
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      stream.on('data', (d: Buffer) => out.push(d));
      stream.stderr.on('data', (d: Buffer) => errOut.push(d));
      stream.on('close', (code: number | null) => resolve({
        // Like ssh(1): 255 when the remote side gave no exit status (killed by a signal).
        code: typeof code === 'number' ? code : 255,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(errOut).toString('utf8'),
      }));
      stream.end(opts.input ?? undefined);
    });
  });
  return withDeadline(run, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, opts.signal, target, s, () => client.end(),
    `running '${command}'`);
}

async function uploadOne(sftp: SFTPWrapper, f: UploadFile, made: Set<string>, target: SshTarget, s: SshSettings): Promise<void> {
  const dir = posix.dirname(f.path);
  await mkdirP(sftp, dir, made, target, s);
  // A unique temp name in the same directory, then rename over the target: readers on the
  // node see the old file or the new one, never a half-written one.
  const tmp = posix.join(dir, `.${posix.basename(f.path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  const step = (what: string, fn: (cb: (err?: Error | null) => void) => void) => new Promise<void>((resolve, reject) => {
    fn((err) => (err ? reject(sftpError(err, `${what} ${f.path}`, target, s)) : resolve()));
  });
  await step('writing', (cb) => sftp.writeFile(tmp, f.content, { mode: f.mode }, cb));
  await step('setting the mode of', (cb) => sftp.chmod(tmp, f.mode, cb)); // the remote umask applied to writeFile
  try {
    await step('renaming into place', (cb) => sftp.ext_openssh_rename(tmp, f.path, cb));
  } catch (err) {
    await new Promise<void>((r) => sftp.unlink(tmp, () => r()));
    throw err;
  }
}

async function mkdirP(sftp: SFTPWrapper, dir: string, made: Set<string>, target: SshTarget, s: SshSettings): Promise<void> {
  if (made.has(dir) || dir === '/' || dir === '.') return;
  const exists = await new Promise<boolean>((r) => sftp.stat(dir, (err) => r(!err)));
  if (!exists) {
    await mkdirP(sftp, posix.dirname(dir), made, target, s);
    await new Promise<void>((resolve, reject) => sftp.mkdir(dir, { mode: 0o755 }, (err) => {
      // Another upload may have made it meanwhile; only fail if it is still missing.
      if (!err) return resolve();
      sftp.stat(dir, (e2) => (e2 ? reject(sftpError(err, `creating directory ${dir}`, target, s)) : resolve()));
    }));
  }
  made.add(dir);
}

function withDeadline<T>(p: Promise<T>, ms: number, signal: AbortSignal | undefined, target: SshTarget,
  s: SshSettings, abort: () => void, what = 'the SSH operation'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      abort();
      reject(new OpExecError(`Timed out after ${Math.round(ms / 1000)} s ${what} on ${where(target, s)}`));
    }, ms);
    const onAbort = () => { clearTimeout(timer); abort(); reject(abortError(signal, target, s)); };
    signal?.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}

function abortError(signal: AbortSignal | undefined, target: SshTarget, s: SshSettings): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new OpExecError(`SSH operation on ${where(target, s)} was cancelled`);
}

function connectError(err: Error & { level?: string; code?: string }, target: SshTarget, s: SshSettings): Error {
  if (err.level === 'client-authentication') {
    return new OpExecError(`SSH authentication as ${s.user} to ${where(target, s)} failed with key ${s.keyFile} ` +
      `(is ${s.keyFile}.pub in the node's authorized_keys?)`, { cause: err });
  }
  const why = err.level === 'client-timeout' ? 'timed out waiting for the SSH handshake' : err.message;
  return new NodeUnreachableError(`Cannot connect to node ${where(target, s)} over SSH: ${why}`, { cause: err });
}

function sftpError(err: Error, what: string, target: SshTarget, s: SshSettings): OpExecError {
  return new OpExecError(`SFTP failed ${what} on ${where(target, s)}: ${err.message}`, { cause: err });
}
