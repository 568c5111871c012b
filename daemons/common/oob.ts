// Ganeti's out-of-band (OOB) management protocol (constants.OOB_*): the node parameter
// oob_program names a program the master runs as `PROGRAM COMMAND NODE`. power-on,
// power-off and power-cycle print nothing; power-status prints {"powered": BOOL}; health
// prints [[ITEM, STATUS], ...] with STATUS one of OK, WARNING, CRITICAL, UNKNOWN.
// Shared by the node daemon (which runs the program) and the master (which checks its answer).
export const OOB_COMMANDS = ['power-on', 'power-off', 'power-cycle', 'power-status', 'health'] as const;
export type OobCommand = typeof OOB_COMMANDS[number];
export const OOB_STATUSES = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;
/** Ganeti's OOB_TIMEOUT (seconds) and OOB_POWER_DELAY (seconds between two power-ons). */
export const OOB_TIMEOUT = 60;
export const OOB_POWER_DELAY = 2.0;
/** The commands refused on the master node (LUOobCommand._SKIP_MASTER). */
export const OOB_SKIP_MASTER: readonly OobCommand[] = ['power-off', 'power-cycle'];

export function isOobCommand(c: string): c is OobCommand {
  return (OOB_COMMANDS as readonly string[]).includes(c);
}

/** LUOobCommand._CheckPayload: the problems of a program's parsed answer (empty when valid). */
export function oobPayloadProblems(command: OobCommand, payload: unknown): string[] {
  const errs: string[] = [];
  const type = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v);
  if (command === 'health') {
    if (!Array.isArray(payload)) {
      errs.push(`command 'health' is expected to return a list but got ${type(payload)}`);
    } else {
      for (const item of payload) {
        if (!Array.isArray(item) || item.length !== 2) { errs.push(`health item ${JSON.stringify(item)} is not an [item, status] pair`); continue; }
        if (!(OOB_STATUSES as readonly unknown[]).includes(item[1])) errs.push(`health item '${String(item[0])}' has invalid status '${String(item[1])}'`);
      }
    }
  } else if (command === 'power-status') {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      errs.push(`power-status is expected to return a dict but got ${type(payload)}`);
    } else if (typeof (payload as Record<string, unknown>).powered !== 'boolean') {
      errs.push('power-status is expected to return a boolean \'powered\'');
    }
  } else if (payload !== null) {
    errs.push(`${command} is expected to not return payload but got '${JSON.stringify(payload)}'`);
  }
  return errs;
}
