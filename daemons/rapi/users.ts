// The RAPI users file (Ganeti's rapi/users under the data dir): "<name> <password> [options]",
// whitespace-separated, options comma-separated; '#' comments and blank lines skipped.
// Passwords: plain text (not starting with '{'), {cleartext}PW, or {HA1}md5(name:realm:PW),
// scheme prefixes case-insensitive. Options: read, write, and ours: user (an owner account
// that sees and acts only on the instances it owns). Re-read whenever the file changes.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Logger } from '../common/log.js';
import { isValidOwnerName } from '../common/owner.js';
import { AUTH_REALM } from './http-error.js';

export interface RapiUser {
  name: string;
  password: string;
  options: Set<string>;
}

export const KNOWN_OPTIONS = ['read', 'write', 'user'];

export function parseUsersFile(text: string, warn: (msg: string) => void = () => undefined): Map<string, RapiUser> {
  const users = new Map<string, RapiUser>();
  text.split('\n').forEach((raw, idx) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    if (parts.length < 2) {
      warn(`users file line ${idx + 1}: ignoring a line with less than two fields`);
      return;
    }
    const [name, password, opts = ''] = parts as [string, string, string?];
    const options = new Set(opts.split(',').map((o) => o.trim().toLowerCase()).filter(Boolean));
    for (const o of options) if (!KNOWN_OPTIONS.includes(o)) warn(`users file line ${idx + 1}: unknown option '${o}' for user '${name}' (known: ${KNOWN_OPTIONS.join(', ')})`);
    if (options.has('user') && !isValidOwnerName(name)) {
      warn(`users file line ${idx + 1}: '${name}' cannot own instances (not a valid owner name); ignored`);
      return;
    }
    users.set(name, { name, password, options });
  });
  return users;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks a basic-auth password against the stored form (Ganeti's VerifyBasicAuthPassword). */
export function verifyPassword(user: RapiUser, given: string): boolean {
  const stored = user.password;
  const m = /^\{([^}]*)\}(.*)$/s.exec(stored);
  if (!m) return safeEqual(stored, given);
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'cleartext') return safeEqual(m[2]!, given);
  if (scheme === 'ha1') {
    const ha1 = createHash('md5').update(`${user.name}:${AUTH_REALM}:${given}`).digest('hex');
    return safeEqual(m[2]!.toLowerCase(), ha1);
  }
  return false; // unknown scheme: nobody gets in with it
}

/** The users file, re-read when its modification time or size changes. */
export class UsersFile {
  private users = new Map<string, RapiUser>();
  private stamp = '';

  constructor(private readonly file: string, private readonly log: Logger) {}

  private refresh(): void {
    let stamp: string;
    try {
      const st = statSync(this.file);
      stamp = `${st.mtimeMs}/${st.size}/${st.ino}`;
    } catch {
      if (this.stamp !== 'missing') this.log.warn(`No users file at ${this.file}`);
      this.stamp = 'missing';
      this.users = new Map();
      return;
    }
    if (stamp === this.stamp) return;
    try {
      this.users = parseUsersFile(readFileSync(this.file, 'utf8'), (m) => this.log.warn(m));
      this.stamp = stamp;
      this.log.info(`read users file ${this.file}: ${this.users.size} users`);
    } catch (err) {
      this.log.error(`Error while reading ${this.file}: ${(err as Error).message}`);
    }
  }

  get(name: string): RapiUser | undefined {
    this.refresh();
    return this.users.get(name);
  }
}
