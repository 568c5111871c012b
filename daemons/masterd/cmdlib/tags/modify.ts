// OP_TAGS_SET and OP_TAGS_DEL (Ganeti's LUTagsSet, LUTagsDel): every tag checked before any
// change; adding an existing tag is a no-op, removing a missing one is refused.
import { OpPrereqError } from '../../../common/errors.js';
import type { OpTagsDel, OpTagsSet } from '../../../common/opcodes/tags.js';
import { MAX_TAGS_PER_OBJ, validateTag } from '../../../common/tags.js';
import { LogicalUnit } from '../logical-unit.js';
import { resolveTagTarget, taggedObject, tagsOf, type TagTarget } from './target.js';

type SetOp = ReturnType<typeof OpTagsSet.validate>;
type DelOp = ReturnType<typeof OpTagsDel.validate>;

abstract class TagsLU<Op extends SetOp | DelOp> extends LogicalUnit<Op> {
  override requiresBgl = false;
  protected target!: TagTarget;

  override checkArguments(): void {
    for (const tag of this.op.tags) validateTag(tag);
  }

  override expandNames(): void {
    this.target = resolveTagTarget(this.cfg, this.op.kind, this.op.name);
    // The cluster object has no lock of its own: its tags change under the big lock.
    if (this.target.lock) this.needLocks.set(this.target.lock.level, [this.target.lock.name]);
    else this.requiresBgl = true;
  }
}

export class LUTagsSet extends TagsLU<SetOp> {
  override checkPrereq(): void {
    const have = new Set(tagsOf(this.cfg.get(), this.target));
    const total = new Set([...have, ...this.op.tags]).size;
    if (total > MAX_TAGS_PER_OBJ) {
      throw new OpPrereqError(`Too many tags: ${total} (at most ${MAX_TAGS_PER_OBJ} per object)`, { ecode: 'wrong_input' });
    }
  }

  override async exec(): Promise<unknown> {
    await this.cfg.update((c) => {
      const obj = taggedObject(c, this.target);
      obj.tags = [...new Set([...(obj.tags ?? []), ...this.op.tags])];
      bump(obj);
    });
    return null;
  }
}

export class LUTagsDel extends TagsLU<DelOp> {
  override checkPrereq(): void {
    const have = new Set(tagsOf(this.cfg.get(), this.target));
    const missing = [...new Set(this.op.tags)].filter((t) => !have.has(t)).sort();
    if (missing.length) {
      throw new OpPrereqError(`Tag(s) ${missing.map((t) => `'${t}'`).join(', ')} not found`, { ecode: 'unknown_entity' });
    }
  }

  override async exec(): Promise<unknown> {
    await this.cfg.update((c) => {
      const obj = taggedObject(c, this.target);
      const drop = new Set(this.op.tags);
      obj.tags = (obj.tags ?? []).filter((t) => !drop.has(t));
      bump(obj);
    });
    return null;
  }
}

/** The changed object's serial number and mtime, as every Ganeti config update does. */
function bump(obj: { serial_no: number; mtime: number }): void {
  obj.serial_no += 1;
  obj.mtime = Date.now() / 1000;
}
