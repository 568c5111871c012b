// Helpers shared by logical units (Ganeti's cmdlib/common.py): looking nodes up, node
// state checks, feedback formatting.
import { OpPrereqError } from '../../common/errors.js';
import type { ClusterConfig, Node } from '../../common/objects.js';

export function getNode(cfg: Readonly<ClusterConfig>, uuid: string): Node {
  const n = cfg.nodes[uuid];
  if (!n) throw new OpPrereqError(`Node with UUID ${uuid} not found in the configuration`, { ecode: 'unknown_entity' });
  return n;
}

export function onlineNodes(cfg: Readonly<ClusterConfig>): Node[] {
  return Object.values(cfg.nodes).filter((n) => !n.offline);
}

export function checkNodeOnline(node: Node, msg = 'Can\'t use offline node'): void {
  if (node.offline) throw new OpPrereqError(`${msg} ${node.name}`, { ecode: 'wrong_state' });
}

export function checkNodeNotDrained(node: Node): void {
  if (node.drained) throw new OpPrereqError(`Can't use drained node ${node.name}`, { ecode: 'wrong_state' });
}

export function checkNodeVmCapable(node: Node): void {
  if (!node.vm_capable) throw new OpPrereqError(`Can't use non-vm_capable node ${node.name}`, { ecode: 'wrong_state' });
}

/** Ganeti's FormatUnit for feedback lines: 1.0G, 512M. */
export function formatSize(mib: number): string {
  if (mib < 1024) return `${mib}M`;
  if (mib < 1024 * 1024) return `${(mib / 1024).toFixed(1)}G`;
  return `${(mib / 1024 / 1024).toFixed(1)}T`;
}
