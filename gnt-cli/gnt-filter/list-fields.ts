// gnt-filter list-fields: the filter rule query fields.
import { listFieldsVerb } from '../framework/generic-list.js';

export const verb = listFieldsVerb('filter');
