// Per-VM owners: an instance may belong to one RAPI account (a users-file line with the
// option `user`), which then sees and acts on that instance only. The name rule is shared by
// the master (gnt-instance add/modify --owner) and ganeti-rapi (the users file).
import { OpPrereqError } from './errors.js';

/** A users-file name: no blanks (the file is whitespace-separated), no ':' (basic auth). */
const OWNER_RE = /^[A-Za-z0-9_][A-Za-z0-9._@+-]{0,63}$/;

export function isValidOwnerName(name: string): boolean {
  return OWNER_RE.test(name);
}

/** Throws OpPrereqError naming the bad owner and the rule. */
export function checkOwnerName(name: string): string {
  if (!isValidOwnerName(name)) {
    throw new OpPrereqError(`Invalid owner '${name}': expected a RAPI user name of 1-64 characters ` +
      '(letters, digits and . _ @ + -, not starting with . @ + -)', { ecode: 'wrong_input' });
  }
  return name;
}
