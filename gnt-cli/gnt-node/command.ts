// gnt-node: the verbs, their usage and description (Ganeti's commands table).
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-node',
  verbs: {
    add: {
      usage: '[-s ip] [--readd] [--no-ssh-key-check] [--force-join] [--no-node-setup] [--verbose] [--network] <node_name>',
      description: 'Add a node to the cluster',
      load: () => import('./add.js'),
    },
    remove: { usage: '<node_name>', description: 'Removes a node from the cluster', load: () => import('./remove.js') },
    list: {
      usage: '[nodes...]',
      description: 'Lists the nodes in the cluster. The available fields can be shown using the "list-fields" command' +
        ' (see the man page for details). The default field list is (in order): name, dtotal, dfree, mtotal, mnode,' +
        ' mfree, pinst_cnt, sinst_cnt.',
      load: () => import('./list.js'),
    },
    'list-fields': { usage: '[fields...]', description: 'Lists all available fields for nodes', load: () => import('./list-fields.js') },
    info: { usage: '[<node_name>...]', description: 'Show information about the node(s)', load: () => import('./info.js') },
    modify: { usage: '<node_name>', description: 'Alters the parameters of a node', load: () => import('./modify.js') },
    volumes: { usage: '[<node_name>...]', description: 'List logical volumes on node(s)', load: () => import('./volumes.js') },
    'list-storage': {
      usage: '[<node_name>...]',
      description: 'List physical volumes on node(s). The available fields are (see the man page for details): node, type, name,' +
        ' size, used, free, allocatable.',
      load: () => import('./list-storage.js'),
    },
    migrate: {
      usage: '[-f] [--non-live] [--migration-mode=live|non-live] [--ignore-ipolicy] [-n <node> | -I <iallocator>] <node_name>',
      description: 'Migrate all the primary instance on a node away from it (only for instances of type drbd or shared storage)',
      load: () => import('./migrate.js'),
    },
    failover: {
      usage: '[-f] [--ignore-consistency] [-n <node> | -I <iallocator>] <node_name>',
      description: 'Stops the primary instances on a node and start them on their secondary node (only for instances with drbd or shared storage)',
      load: () => import('./failover.js'),
    },
    evacuate: {
      usage: '[-f] [--ignore-ipolicy] [--ignore-soft-errors] [{-I <iallocator> | -n <dst>}] [-p | -s] <node_name>',
      description: 'Relocate the primary and/or secondary instances from a node',
      load: () => import('./evacuate.js'),
    },
    'list-tags': { usage: '<node_name>', description: 'List the tags of the given node', load: () => import('./list-tags.js') },
    'add-tags': { usage: '[--from file] <node_name> tag...', description: 'Add tags to the given node', load: () => import('./add-tags.js') },
    'remove-tags': { usage: '[--from file] <node_name> tag...', description: 'Remove tags from the given node', load: () => import('./remove-tags.js') },
    power: {
      usage: '[--force] [--ignore-status] [--all] [--power-delay <seconds>] on|off|cycle|status [<node_name>...]',
      description: 'Change the node power state using out-of-band management',
      load: () => import('./power.js'),
    },
    health: { usage: '[<node_name>...]', description: 'Show node health using out-of-band management', load: () => import('./health.js') },
    'restricted-command': {
      usage: '[-M] [--sync] { -g <group_name> <command> | <command> <node_name>... }',
      description: 'Executes a restricted command on node(s)',
      load: () => import('./restricted-command.js'),
    },
  },
  aliases: { show: 'info' },
  envOverride: ['list'],
};
