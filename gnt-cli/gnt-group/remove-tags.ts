// gnt-group remove-tags (cli.removeTagsVerb).
import { removeTagsVerb } from '../framework/tag-verbs.js';

export const verb = removeTagsVerb('nodegroup');
