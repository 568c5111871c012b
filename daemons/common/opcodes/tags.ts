// Tag opcodes (Ganeti's OpTags*): kind is cluster, nodegroup, node, instance or network;
// name is the object's name (none for the cluster).
import { defineOpcode } from './define.js';
import { t } from './schema.js';
import { TAG_KINDS } from '../tags.js';

export const OpTagsGet = defineOpcode('OP_TAGS_GET', {
  kind: t.oneOf(TAG_KINDS),
  name: t.str().optional(),
  use_locking: t.bool().default(false),
}, { summaryField: 'name' });

export const OpTagsSearch = defineOpcode('OP_TAGS_SEARCH', {
  pattern: t.nonEmpty(),
}, { summaryField: 'pattern' });

export const OpTagsSet = defineOpcode('OP_TAGS_SET', {
  kind: t.oneOf(TAG_KINDS),
  name: t.str().optional(),
  tags: t.list(t.str()),
}, { summaryField: 'name' });

export const OpTagsDel = defineOpcode('OP_TAGS_DEL', {
  kind: t.oneOf(TAG_KINDS),
  name: t.str().optional(),
  tags: t.list(t.str()),
}, { summaryField: 'name' });
