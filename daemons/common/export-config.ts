// Ganeti's export config file (config.ini in an export's directory): INI sections export,
// instance, hypervisor, backend and os, as Ganeti's backend.FinalizeExport writes them.
// Written by the master when an export completes; read back by imports and gnt-backup.
export type IniDoc = Record<string, Record<string, string>>;

export function formatIni(doc: IniDoc): string {
  const out: string[] = [];
  for (const [section, kv] of Object.entries(doc)) {
    out.push(`[${section}]`);
    for (const [k, v] of Object.entries(kv)) out.push(`${k} = ${v.replace(/\n/g, ' ')}`);
    out.push('');
  }
  return out.join('\n');
}

export function parseIni(text: string): IniDoc {
  const doc: IniDoc = {};
  let cur: Record<string, string> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[([^\]]+)\]$/.exec(line);
    if (sec) { cur = doc[sec[1]!] ??= {}; continue; }
    const eq = line.search(/[=:]/);
    if (eq < 0 || !cur) throw new Error(`Invalid line in export config: '${line}'`);
    cur[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return doc;
}

export interface ExportDiskInfo { index: number; ivName: string; dump: string; size: number; bytes: number; sha256: string }

/** The disks of an export, in order, from its [instance] section. */
export function exportDisks(doc: IniDoc): ExportDiskInfo[] {
  const inst = doc.instance ?? {};
  const count = Number(inst.disk_count ?? '0');
  if (!Number.isInteger(count) || count < 0) throw new Error(`Invalid disk_count '${inst.disk_count}' in export config`);
  const disks: ExportDiskInfo[] = [];
  for (let i = 0; i < count; i++) {
    disks.push({
      index: i, ivName: inst[`disk${i}_ivname`] ?? `disk/${i}`, dump: inst[`disk${i}_dump`] ?? '',
      size: Number(inst[`disk${i}_size`] ?? '0'), bytes: Number(inst[`disk${i}_dump_bytes`] ?? '0'), sha256: inst[`disk${i}_dump_sha256`] ?? '',
    });
  }
  return disks;
}
