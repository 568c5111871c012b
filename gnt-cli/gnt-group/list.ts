// gnt-group list: the node group query as a table (Ganeti's default fields).
import { listVerb } from '../framework/generic-list.js';

export const verb = listVerb({
  resource: 'group',
  defaultFields: ['name', 'node_cnt', 'pinst_cnt', 'alloc_policy', 'ndparams'],
  joined: ['node_list', 'pinst_list', 'tags'],
});
