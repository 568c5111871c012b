// gnt-node list: the node query as a table; instance lists and tags comma-joined.
import { listVerb } from '../framework/generic-list.js';

export const verb = listVerb({
  resource: 'node',
  defaultFields: ['name', 'dtotal', 'dfree', 'mtotal', 'mnode', 'mfree', 'pinst_cnt', 'sinst_cnt'],
  joined: ['pinst_list', 'sinst_list', 'tags'],
});
