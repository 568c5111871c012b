// gnt-job list-fields: the job query fields.
import { listFieldsVerb } from '../framework/generic-list.js';

export const verb = listFieldsVerb('job');
