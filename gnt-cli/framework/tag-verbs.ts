// list-tags, add-tags, remove-tags and search-tags, the same for every taggable object
// (Ganeti's cli.ListTags/AddTags/RemoveTags and gnt-cluster search-tags).
import { OpPrereqError } from '../../daemons/common/errors.js';
import { OpTagsDel, OpTagsGet, OpTagsSearch, OpTagsSet } from '../../daemons/common/opcodes/tags.js';
import type { TagKind } from '../../daemons/common/tags.js';
import { buildOp, submitOpCode, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addPriorityOption, addSubmitOptions } from './job-options.js';
import { ARGS_ANY, ARGS_AT_LEAST_ONE, ARGS_NONE, ARGS_ONE, type VerbContext, type VerbDef } from './spec.js';

interface TagOpts extends GenericOpts { from?: string }

/** Tags from the command line plus --from FILE (one per line, '-' for stdin). */
function collectTags(ctx: VerbContext, opts: TagOpts, given: string[]): string[] {
  const tags = [...given];
  if (opts.from !== undefined) {
    const text = opts.from === '-' ? ctx.io.readFile('/dev/stdin') : ctx.io.readFile(opts.from);
    for (const line of text.split('\n')) if (line.trim()) tags.push(line.trim());
  }
  return tags;
}

/** The object's name and the tags, from the arguments (the cluster has no name). */
function split(kind: TagKind, args: string[]): [string | undefined, string[]] {
  return kind === 'cluster' ? [undefined, args] : [args[0], args.slice(1)];
}

export function listTagsVerb(kind: TagKind): VerbDef<GenericOpts> {
  return {
    args: kind === 'cluster' ? ARGS_NONE : ARGS_ONE,
    options: addPriorityOption,
    async run(ctx, opts, args) {
      const tags = await submitOpCode(ctx, buildOp(ctx, OpTagsGet, { kind, name: args[0] }, opts), opts) as string[];
      for (const tag of [...tags].sort()) ctx.out(tag);
      return 0;
    },
  };
}

function changeTagsVerb(kind: TagKind, remove: boolean): VerbDef<TagOpts> {
  return {
    args: kind === 'cluster' ? ARGS_ANY : ARGS_AT_LEAST_ONE,
    options(cmd) {
      cmd.option('--from <file>', 'File with tag names, one per line');
      addPriorityOption(cmd);
      addSubmitOptions(cmd);
    },
    async run(ctx, opts, args) {
      const [name, given] = split(kind, args);
      const tags = collectTags(ctx, opts, given);
      if (!tags.length) throw new OpPrereqError(`No tags to be ${remove ? 'removed' : 'added'}`, { ecode: 'wrong_input' });
      await submitOrSend(ctx, buildOp(ctx, remove ? OpTagsDel : OpTagsSet, { kind, name, tags }, opts), opts);
      return 0;
    },
  };
}

export const addTagsVerb = (kind: TagKind): VerbDef<TagOpts> => changeTagsVerb(kind, false);
export const removeTagsVerb = (kind: TagKind): VerbDef<TagOpts> => changeTagsVerb(kind, true);

/** gnt-cluster search-tags REGEX: "PATH TAG" lines, sorted; exit 1 when nothing matches. */
export const searchTagsVerb: VerbDef<GenericOpts> = {
  args: ARGS_ONE,
  options: addPriorityOption,
  async run(ctx, opts, [pattern]) {
    const found = await submitOpCode(ctx, buildOp(ctx, OpTagsSearch, { pattern }, opts), opts) as [string, string][];
    if (!found.length) return 1;
    for (const [path, tag] of [...found].sort((a, b) => (a[0] + ' ' + a[1] < b[0] + ' ' + b[1] ? -1 : 1))) ctx.out(`${path} ${tag}`);
    return 0;
  },
};
