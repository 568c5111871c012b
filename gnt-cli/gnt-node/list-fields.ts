// gnt-node list-fields: the node query fields.
import { listFieldsVerb } from '../framework/generic-list.js';

export const verb = listFieldsVerb('node');
