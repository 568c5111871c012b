// Which config object a tag opcode names (Ganeti's TagsLU.ExpandNames/CheckPrereq): its
// lock, its path in search results, and its tag list inside a config document.
import { LockLevel } from '../../../common/constants.js';
import { OpPrereqError } from '../../../common/errors.js';
import type { ClusterConfig } from '../../../common/objects.js';
import type { TagKind } from '../../../common/tags.js';
import type { ConfigStore } from '../../config/config-store.js';

export interface TagTarget {
  kind: TagKind;
  /** uuid of the object; '' for the cluster. */
  uuid: string;
  name: string;
  lock: { level: LockLevel; name: string } | null;
}

function byName<T extends { name: string; uuid: string }>(all: Record<string, T>, name: string): T | undefined {
  return Object.values(all).find((o) => o.name === name || o.uuid === name);
}

/** Resolves the opcode's kind and name; unknown_entity when there is no such object. */
export function resolveTagTarget(cfg: ConfigStore, kind: TagKind, name: string | null): TagTarget {
  if (kind === 'cluster') return { kind, uuid: '', name: '', lock: null };
  if (!name) throw new OpPrereqError(`Missing name of the ${kind} whose tags are wanted`, { ecode: 'wrong_input' });
  const c = cfg.get();
  switch (kind) {
    case 'node': {
      const n = cfg.expandNode(name);
      return { kind, uuid: n.uuid, name: n.name, lock: { level: LockLevel.Node, name: n.name } };
    }
    case 'instance': {
      const i = cfg.expandInstance(name);
      return { kind, uuid: i.uuid, name: i.name, lock: { level: LockLevel.Instance, name: i.name } };
    }
    case 'nodegroup': {
      const g = byName(c.nodegroups, name);
      if (!g) throw new OpPrereqError(`Node group '${name}' not found`, { ecode: 'unknown_entity' });
      return { kind, uuid: g.uuid, name: g.name, lock: { level: LockLevel.NodeGroup, name: g.uuid } };
    }
    case 'network': {
      const n = byName(c.networks, name);
      if (!n) throw new OpPrereqError(`Network '${name}' not found`, { ecode: 'unknown_entity' });
      return { kind, uuid: n.uuid, name: n.name, lock: { level: LockLevel.Network, name: n.uuid } };
    }
  }
}

type Tagged = { tags: string[]; serial_no: number; mtime: number };

/** The tagged object inside cfg (a draft when called from an update). */
export function taggedObject(cfg: ClusterConfig, t: TagTarget): Tagged {
  const obj = t.kind === 'cluster' ? cfg.cluster
    : t.kind === 'node' ? cfg.nodes[t.uuid]
      : t.kind === 'instance' ? cfg.instances[t.uuid]
        : t.kind === 'nodegroup' ? cfg.nodegroups[t.uuid] : cfg.networks[t.uuid];
  if (!obj) throw new OpPrereqError(`The ${t.kind} '${t.name}' was removed meanwhile`, { ecode: 'unknown_entity' });
  return obj;
}

/** The object's tags, read-only. */
export function tagsOf(cfg: Readonly<ClusterConfig>, t: TagTarget): readonly string[] {
  return taggedObject(cfg as ClusterConfig, t).tags ?? [];
}

/** Every tagged object with its search path, as Ganeti's LUTagsSearch lists them. */
export function allTagged(cfg: Readonly<ClusterConfig>): [string, readonly string[]][] {
  const out: [string, readonly string[]][] = [['/cluster', cfg.cluster.tags ?? []]];
  for (const i of Object.values(cfg.instances)) out.push([`/instances/${i.name}`, i.tags ?? []]);
  for (const n of Object.values(cfg.nodes)) out.push([`/nodes/${n.name}`, n.tags ?? []]);
  for (const g of Object.values(cfg.nodegroups)) out.push([`/nodegroup/${g.name}`, g.tags ?? []]);
  for (const n of Object.values(cfg.networks)) out.push([`/networks/${n.name}`, n.tags ?? []]);
  return out;
}
