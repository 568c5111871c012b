// The tag resources (rlib2._R_Tags): /2/tags and /2/{instances,nodes,groups,networks}/NAME/tags.
// GET lists the object's tags (read through the query path, unknown objects 404); PUT and
// DELETE take the tags as repeated `tag` query arguments (`?tag=a&tag=b`, no body) and
// submit OP_TAGS_SET / OP_TAGS_DEL, answering the job id.
import { OpTagsDel, OpTagsSet } from '../../common/opcodes/tags.js';
import type { TagKind } from '../../common/tags.js';
import { badRequest } from '../http-error.js';
import { dryRun, fillOpcode, type RapiRequest } from '../request.js';
import { checkOwnedInstance, oneItem, type Methods } from './common.js';

/** The query resource that holds each named kind's `tags` field. */
const QUERY_OF: Record<Exclude<TagKind, 'cluster'>, string> = { instance: 'instance', node: 'node', nodegroup: 'group', network: 'network' };

/** The `tag` query arguments. Ganeti's client also sends node tags as a body list; it is
 * accepted when it repeats the arguments, anything else in the body is refused. */
function tagsOf(r: RapiRequest): string[] {
  const tags = r.query.getAll('tag');
  if (r.body === undefined || r.body === null) return tags;
  if (!Array.isArray(r.body) || JSON.stringify(r.body) !== JSON.stringify(tags)) {
    throw badRequest("Tags are given as 'tag' query arguments (a body may only repeat them)");
  }
  return tags;
}

function write(kind: TagKind, def: typeof OpTagsSet | typeof OpTagsDel) {
  return {
    access: 'write' as const,
    run: (r: RapiRequest) => r.link.submit([fillOpcode(r, def, null, {
      kind, ...(kind === 'cluster' ? {} : { name: r.items[0]! }), tags: tagsOf(r), dry_run: dryRun(r),
    })]),
  };
}

/** GET/PUT/DELETE on the tags of one kind of object. Owner accounts may read their own instances' tags. */
export function tagResource(kind: TagKind): Methods {
  const get = kind === 'cluster'
    ? {
        access: 'public' as const,
        async run(r: RapiRequest) {
          const info = await r.link.call((m) => m.clusterInfo());
          return Array.isArray(info.tags) ? info.tags : [];
        },
      }
    : {
        access: 'public' as const,
        ...(kind === 'instance' ? { owner: 'instance' as const } : {}),
        async run(r: RapiRequest) {
          if (kind === 'instance') await checkOwnedInstance(r, r.items[0]!);
          return (await oneItem(r, QUERY_OF[kind], ['tags'], r.items[0]!)).tags ?? [];
        },
      };
  return { GET: get, PUT: write(kind, OpTagsSet), DELETE: write(kind, OpTagsDel) };
}
