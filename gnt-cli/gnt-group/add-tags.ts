// gnt-group add-tags (cli.addTagsVerb).
import { addTagsVerb } from '../framework/tag-verbs.js';

export const verb = addTagsVerb('nodegroup');
