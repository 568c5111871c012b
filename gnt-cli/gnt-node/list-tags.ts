// gnt-node list-tags (cli.listTagsVerb).
import { listTagsVerb } from '../framework/tag-verbs.js';

export const verb = listTagsVerb('node');
