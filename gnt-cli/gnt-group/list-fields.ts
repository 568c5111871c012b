// gnt-group list-fields: the node group query fields.
import { listFieldsVerb } from '../framework/generic-list.js';

export const verb = listFieldsVerb('group');
