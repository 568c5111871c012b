// OP_TAGS_GET and OP_TAGS_SEARCH (Ganeti's LUTagsGet, LUTagsSearch): read-only, under a
// shared lock of the object at most.
import { OpPrereqError } from '../../../common/errors.js';
import type { OpTagsGet, OpTagsSearch } from '../../../common/opcodes/tags.js';
import { LogicalUnit } from '../logical-unit.js';
import { allTagged, resolveTagTarget, tagsOf, type TagTarget } from './target.js';

type GetOp = ReturnType<typeof OpTagsGet.validate>;
type SearchOp = ReturnType<typeof OpTagsSearch.validate>;

export class LUTagsGet extends LogicalUnit<GetOp> {
  override requiresBgl = false;
  private target!: TagTarget;

  override expandNames(): void {
    this.target = resolveTagTarget(this.cfg, this.op.kind, this.op.name);
    if (this.op.use_locking && this.target.lock) {
      this.needLocks.set(this.target.lock.level, [this.target.lock.name]);
      this.shareLocks.add(this.target.lock.level);
    }
  }

  override checkPrereq(): void {}

  override async exec(): Promise<unknown> {
    return [...tagsOf(this.cfg.get(), this.target)];
  }
}

export class LUTagsSearch extends LogicalUnit<SearchOp> {
  override requiresBgl = false;
  private re!: RegExp;

  override checkArguments(): void {
    try {
      this.re = new RegExp(this.op.pattern);
    } catch (err) {
      throw new OpPrereqError(`Invalid search pattern '${this.op.pattern}': ${(err as Error).message}`, { ecode: 'wrong_input' });
    }
  }

  override checkPrereq(): void {}

  override async exec(): Promise<unknown> {
    const out: [string, string][] = [];
    for (const [path, tags] of allTagged(this.cfg.get())) {
      for (const tag of tags) if (this.re.test(tag)) out.push([path, tag]);
    }
    return out;
  }
}
