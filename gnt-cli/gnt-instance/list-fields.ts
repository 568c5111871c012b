// gnt-instance list-fields: the instance query fields.
import { listFieldsVerb } from '../framework/generic-list.js';

export const verb = listFieldsVerb('instance');
