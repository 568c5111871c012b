// Ganeti's tag rules (objects.TaggableObject): which objects carry tags, what a tag may
// look like and how many one object may hold. Shared by the master's LUs and the CLI.
import { OpPrereqError } from './errors.js';

export const TAG_KINDS = ['cluster', 'nodegroup', 'node', 'instance', 'network'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

export const MAX_TAG_LEN = 128;
export const MAX_TAGS_PER_OBJ = 4096;
const TAG_RE = /^[\w.+*/:@-]+$/;

/** Throws OpPrereqError (wrong_input) naming the tag when it breaks Ganeti's syntax. */
export function validateTag(tag: string): void {
  if (tag.length > MAX_TAG_LEN) {
    throw new OpPrereqError(`Tag too long (${tag.length} > ${MAX_TAG_LEN} characters): '${tag.slice(0, 40)}…'`, { ecode: 'wrong_input' });
  }
  if (!tag) throw new OpPrereqError('Tags cannot be empty', { ecode: 'wrong_input' });
  if (!TAG_RE.test(tag)) {
    throw new OpPrereqError(`Tag contains invalid characters: '${tag}' (allowed: letters, digits, '_', '.', '+', '*', '/', ':', '@', '-')`, { ecode: 'wrong_input' });
  }
}

export function checkTagKind(kind: string): TagKind {
  if (!(TAG_KINDS as readonly string[]).includes(kind)) {
    throw new OpPrereqError(`Invalid tag kind '${kind}' (allowed: ${TAG_KINDS.join(', ')})`, { ecode: 'wrong_input' });
  }
  return kind as TagKind;
}
