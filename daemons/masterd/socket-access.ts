// Who may use the master socket. As for Ganeti's LUXI socket, the file mode is the access
// control: the socket is 0660 and, when the admin group exists (tools/setup/install-deps.sh
// creates it), it and its directory (0750) belong to that group, so root and the group's
// members can run gnt-* commands and nobody else can even reach the socket.
import { chmodSync, chownSync, readFileSync } from 'node:fs';
import type { Logger } from '../common/log.js';

export const ADMIN_GROUP = 'gnt-admin';

/** The gid of a group from the group file, or null when there is no such group. */
export function groupId(name: string, groupFile = '/etc/group'): number | null {
  let text: string;
  try { text = readFileSync(groupFile, 'utf8'); } catch { return null; }
  for (const line of text.split('\n')) {
    const [group, , gid] = line.split(':');
    if (group === name && gid !== undefined && /^\d+$/.test(gid)) return Number(gid);
  }
  return null;
}

/** Applies the socket's mode and, when the admin group exists, its group ownership. */
export function restrictMasterSocket(socketPath: string, socketDir: string, log: Logger): void {
  chmodSync(socketPath, 0o660);
  const gid = groupId(ADMIN_GROUP);
  if (gid === null) {
    log.info(`group ${ADMIN_GROUP} does not exist: only the master daemon's user can use ${socketPath}`);
    return;
  }
  try {
    const uid = process.getuid?.() ?? 0;
    chownSync(socketDir, uid, gid);
    chmodSync(socketDir, 0o750);
    chownSync(socketPath, uid, gid);
  } catch (err) {
    log.warn(`cannot give ${socketPath} to group ${ADMIN_GROUP}: ${(err as Error).message}`);
  }
}
