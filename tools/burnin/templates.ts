// Which burnin steps apply to a disk template and a hypervisor, read from the drivers'
// descriptors (Ganeti's DTS_* sets and hv_*.CAN_MIGRATE): burnin keeps no list of its own,
// so it never plans a step the driver says it cannot do.
import { findHypervisor } from '../../daemons/hypervisor/descriptors.js';
import { findTemplate, templateNames } from '../../daemons/storage/descriptors.js';

/** Every template burnin accepts with -t (burnin.py _SUPPORTED_DISK_TEMPLATES): Ganeti's, but not adopt-only ones. */
export function burninTemplates(): string[] {
  return templateNames().filter((t) => !findTemplate(t)!.capabilities.mustAdopt).sort();
}

export interface TemplatePlan {
  /** Network-mirrored (DTS_INT_MIRROR): instances have a secondary node; disks can be replaced. */
  intMirror: boolean;
  /** DTS_MIRRORED: failover and migration work. */
  mirrored: boolean;
  /** Works with a single node (everything but network mirroring). */
  singleNode: boolean;
  growable: boolean;
  /** OP_INSTANCE_MOVE copies the disks (DTS_COPYABLE). */
  movable: boolean;
  /** burnin.py _IMPEXP_DISK_TEMPLATES: exportable, not file-based. */
  importExport: boolean;
  /** Disks are image files (burnin creates them under the file storage dir). */
  fileBased: boolean;
}

export function templatePlan(template: string): TemplatePlan {
  const c = findTemplate(template)?.capabilities;
  if (!c) return { intMirror: false, mirrored: false, singleNode: false, growable: false, movable: false, importExport: false, fileBased: false };
  return {
    intMirror: c.mirror === 'internal', mirrored: c.mirror !== 'none', singleNode: c.mirror !== 'internal',
    growable: c.grow, movable: c.copyable, importExport: c.export && !c.fileBased, fileBased: c.fileBased,
  };
}

/** Templates that work with a single node, for burnin's refusal message. */
export function singleNodeTemplates(): string[] {
  return burninTemplates().filter((t) => templatePlan(t).singleNode);
}

/** Whether the hypervisor's driver declares migration. */
export function hypervisorCanMigrate(hv: string): boolean {
  return findHypervisor(hv)?.capabilities.migrate ?? false;
}

/** Why burnin skips the failover step, or null when it runs. */
export function failoverSkip(template: string): string | null {
  return templatePlan(template).mirrored ? null : `disk template ${template} does not support it`;
}

/** Why burnin skips the migration step, or null when it runs. */
export function migrationSkip(template: string, hv: string): string | null {
  return failoverSkip(template) ?? (hypervisorCanMigrate(hv) ? null : `hypervisor ${hv} does not support it`);
}
