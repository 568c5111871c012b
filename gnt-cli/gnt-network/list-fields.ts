// gnt-network list-fields: the network query fields.
import { listFieldsVerb } from '../framework/generic-list.js';

export const verb = listFieldsVerb('network');
