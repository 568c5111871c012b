// The master's record of node SSH host keys (Ganeti's /var/lib/ganeti/known_hosts, OpenSSH
// format: `name,ip keytype base64`). gnt-node add checks the key a node offers against it:
// a known, equal key passes; an unknown key is refused unless --no-ssh-key-check, which
// accepts it and records it; a key that differs from the recorded one is always refused
// (a reinstalled node, or someone in the middle), and the message says how to proceed.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';

/** SHA256:base64 without padding, as ssh-keygen -l prints it. */
export function keyFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (its first string). */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const n = blob.readUInt32BE(0);
  return n > 0 && n < 64 && blob.length >= 4 + n ? blob.subarray(4, 4 + n).toString('latin1') : 'unknown';
}

interface Entry { names: string[]; type: string; blob: Buffer; line: number }

function entries(file: string): Entry[] {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { return []; }
  const out: Entry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('@') || line.startsWith('|')) return;
    const [hosts, type, key] = line.split(/\s+/);
    if (!hosts || !type || !key) return;
    out.push({ names: hosts.split(',').map((h) => h.replace(/^\[(.*)\]:\d+$/, '$1')), type, blob: Buffer.from(key, 'base64'), line: i + 1 });
  });
  return out;
}

/**
 * Checks the host key `blob` that `names` (node name, address) offered. Returns null when
 * the connection may go on, else why not. With acceptNew, an unknown key is recorded.
 */
export function checkHostKey(file: string, names: string[], blob: Buffer, acceptNew: boolean): string | null {
  const type = keyType(blob);
  const mine = entries(file).filter((e) => e.names.some((n) => names.includes(n)));
  if (mine.some((e) => e.type === type && e.blob.equals(blob))) return null;
  const changed = mine.find((e) => e.type === type);
  if (changed) {
    return `The SSH host key of node ${names[0]} has changed: ${file} line ${changed.line} has ${keyFingerprint(changed.blob)}, ` +
      `the node offers ${type} ${keyFingerprint(blob)}. Someone may be in the middle, or the node was reinstalled; ` +
      `if so, remove that line and add the node again with --no-ssh-key-check to record the new key`;
  }
  if (!acceptNew) {
    return `The SSH host key of node ${names[0]} is not known: ${file} has no ${type} key for ${names.join(' or ')}. ` +
      `The node offers ${keyFingerprint(blob)}; add it to ${file}, or use --no-ssh-key-check to accept and record it`;
  }
  appendFileSync(file, `${names.join(',')} ${type} ${blob.toString('base64')}\n`, { mode: 0o644 });
  return null;
}
