// gnt-group: the verbs, their usage and description (Ganeti's commands table).
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-group',
  verbs: {
    add: { usage: '[--alloc-policy=...] [--node-parameters=...] <group-name>', description: 'Add a new node group to the cluster', load: () => import('./add.js') },
    'assign-nodes': { usage: '<group-name> <node>...', description: 'Assign nodes to a group', load: () => import('./assign-nodes.js') },
    list: { usage: '[<group-name>...]', description: 'Lists the node groups in the cluster. The available fields can be shown using the "list-fields" command (see the man page for details). The default list is (in order): name, node_cnt, pinst_cnt, alloc_policy, ndparams.', load: () => import('./list.js') },
    'list-fields': { usage: '[<field>...]', description: 'Lists all available fields for node groups', load: () => import('./list-fields.js') },
    modify: { usage: '<group-name>', description: 'Alters the parameters of a node group', load: () => import('./modify.js') },
    remove: { usage: '<group-name>', description: 'Remove an (empty) node group from the cluster', load: () => import('./remove.js') },
    rename: { usage: '<group-name> <new-name>', description: 'Rename a node group', load: () => import('./rename.js') },
    info: { usage: '[<group-name>...]', description: 'Show group information', load: () => import('./info.js') },
    'show-ispecs-cmd': { usage: '[<group-name>...]', description: 'Show the command line to re-create the group', load: () => import('./show-ispecs-cmd.js') },
    'list-tags': { usage: '<group-name>', description: 'List the tags of the given group', load: () => import('./list-tags.js') },
    'add-tags': { usage: '[--from file] <group-name> tag...', description: 'Add tags to the given group', load: () => import('./add-tags.js') },
    'remove-tags': { usage: '[--from file] <group-name> tag...', description: 'Remove tags from the given group', load: () => import('./remove-tags.js') },
    evacuate: { usage: '[-I <iallocator>] [--to <group>] <group-name>', description: 'Evacuate all instances within a group', load: () => import('./evacuate.js') },
  },
  aliases: { show: 'info' },
  envOverride: ['list'],
};
