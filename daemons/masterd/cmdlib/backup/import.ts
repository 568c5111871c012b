// Imports (OP_INSTANCE_CREATE with mode=import, Ganeti's gnt-backup import): the export is
// read on its node (src_node, src_path: the export's name or its directory under the export
// dir), then after the new disks exist the new primary pulls each disk dump onto its disk,
// checking the dump's checksum; the new instance may have another template, size or node.
import { knownCompressionTools, NO_COMPRESSION } from '../../../common/compression.js';
import { OpPrereqError } from '../../../common/errors.js';
import { exportDisks, parseIni, type ExportDiskInfo, type IniDoc } from '../../../common/export-config.js';
import { isSafeName } from '../../../common/known-files.js';
import type { Disk, Node } from '../../../common/objects.js';
import { diskToProto } from '../../instance-wire.js';
import { nodeTarget } from '../../rpc/node-target.js';
import type { NodeTarget } from '../../rpc/node-rpc.js';
import type { LogicalUnit } from '../logical-unit.js';
import { storageDirs } from '../instance/disk-common.js';
import { grantPull } from '../pull-grant.js';

/** Ganeti's EXPORT_DIR, as node-independent path. */
const EXPORT_DIR = '/srv/ganeti/export';

export interface ImportPlan { node: Readonly<Node>; name: string; doc: IniDoc; disks: ExportDiskInfo[]; compression: string }

/** The export's name from --src-dir: a name, or a directory directly under the export dir. */
export function exportNameOf(srcPath: string | null | undefined, instanceName: string): string {
  if (!srcPath) return instanceName;
  const name = srcPath.startsWith('/') ? (srcPath.replace(/\/+$/, '').startsWith(`${EXPORT_DIR}/`) ? srcPath.replace(/\/+$/, '').slice(EXPORT_DIR.length + 1) : '') : srcPath;
  if (!name || !isSafeName(name)) {
    throw new OpPrereqError(`Invalid source directory '${srcPath}': expected an export name or ${EXPORT_DIR}/NAME`, { ecode: 'wrong_input' });
  }
  return name;
}

export async function readImport(lu: LogicalUnit, srcNode: string | null | undefined, srcPath: string | null | undefined, instanceName: string): Promise<ImportPlan> {
  if (!srcNode) throw new OpPrereqError('An import needs the source node (--src-node)', { ecode: 'wrong_input' });
  const node = lu.cfg.expandNode(srcNode);
  const name = exportNameOf(srcPath, instanceName);
  const r = await lu.rt.rpc.call(nodeTarget(node), 'ExportInfo', { name, area: 'export' }, { signal: lu.rt.signal });
  const info = r.raise(`No export '${name}' found on node ${node.name}`, { prereq: true });
  let doc: IniDoc;
  try { doc = parseIni(info.config); } catch (err) {
    throw new OpPrereqError(`The export '${name}' on ${node.name} has an invalid config: ${(err as Error).message}`, { ecode: 'wrong_input' });
  }
  const compression = doc.export?.compression || NO_COMPRESSION;
  if (compression !== NO_COMPRESSION && !knownCompressionTools().includes(compression)) {
    throw new OpPrereqError(`The export '${name}' on ${node.name} is compressed with '${compression}', which this cluster cannot read ` +
      `(known: ${knownCompressionTools().join(', ')})`, { ecode: 'wrong_input' });
  }
  return { node, name, doc, disks: exportDisks(doc), compression };
}

/** Checks the new disks against the export's dumps (no more disks than dumps, none smaller). */
export function checkImportDisks(plan: ImportPlan, sizes: readonly number[]): void {
  if (sizes.length > plan.disks.length) {
    throw new OpPrereqError(`The export '${plan.name}' has ${plan.disks.length} disk(s), ${sizes.length} requested`, { ecode: 'wrong_input' });
  }
  sizes.forEach((s, i) => {
    // The exported disk's size; a dump's byte count says it only when the dump is the raw
    // disk (a compressed dump of random data is larger than the disk, of zeros far smaller).
    const d = plan.disks[i]!;
    const need = d.size || (plan.compression === NO_COMPRESSION ? Math.ceil(d.bytes / 1048576) : 0);
    if (s < need) throw new OpPrereqError(`Disk ${i}: ${s} MiB is smaller than the exported disk (${need} MiB)`, { ecode: 'wrong_input' });
  });
}

/** The new primary pulls each dump onto its new disk. */
export async function importDisks(lu: LogicalUnit, plan: ImportPlan, target: NodeTarget, instanceName: string, disks: readonly Disk[]): Promise<void> {
  const cfg = lu.cfg.get();
  const src = nodeTarget(plan.node);
  // A plain node may read the export only with the master's grant (as for export and move);
  // it lasts until the export is removed or the pull's deadline passes.
  if (target.name !== src.name) await grantPull(lu, src, lu.cfg.expandNode(target.name), 'export', plan.name);
  for (const [i, d] of disks.entries()) {
    const e = plan.disks[i]!;
    lu.feedback(`* importing disk ${i} from ${src.name}:${plan.name}/${e.dump}`);
    const r = await lu.rt.rpc.call(target, 'ExportPull', {
      peer_name: src.name, peer_ip: src.ip, area: 'export', name: plan.name,
      files: [{ file: e.dump, size: e.bytes, sha256: e.sha256 }], target: 'disk', disk: diskToProto(d), compress: plan.compression, ...storageDirs(cfg),
    }, { signal: lu.rt.signal });
    r.raise(`Could not import disk ${i} of ${instanceName}`);
  }
}
