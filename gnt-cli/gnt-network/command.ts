// gnt-network: the verbs, their usage and description (Ganeti's commands table).
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-network',
  verbs: {
    add: { usage: '--network=<subnet> [--gateway=...] [--add-reserved-ips=...] <network-name>', description: 'Add a new IP network to the cluster', load: () => import('./add.js') },
    list: { usage: '[<network-name>...]', description: 'Lists the IP networks in the cluster. The available fields can be shown using the "list-fields" command (see the man page for details). The default list is (in order): name, network, gateway, network6, gateway6, mac_prefix, group_list, tags.', load: () => import('./list.js') },
    'list-fields': { usage: '[<field>...]', description: 'Lists all available fields for networks', load: () => import('./list-fields.js') },
    info: { usage: '[<network-name>...]', description: 'Show information about the network(s)', load: () => import('./info.js') },
    remove: { usage: '<network-name>', description: 'Remove an existing network', load: () => import('./remove.js') },
    rename: { usage: '<network-name> <new-name>', description: 'Rename a network', load: () => import('./rename.js') },
    modify: { usage: '<network-name>', description: 'Alters the parameters of a network', load: () => import('./modify.js') },
    connect: { usage: '[--nic-parameters=mode=...,link=...] <network-name> [<group-name>...]', description: 'Map a given network to the specified node group with given mode and link (netparams)', load: () => import('./connect.js') },
    disconnect: { usage: '<network-name> [<group-name>...]', description: 'Unmap a given network from a specified node group', load: () => import('./disconnect.js') },
    'list-tags': { usage: '<network-name>', description: 'List the tags of the given network', load: () => import('./list-tags.js') },
    'add-tags': { usage: '[--from file] <network-name> tag...', description: 'Add tags to the given network', load: () => import('./add-tags.js') },
    'remove-tags': { usage: '[--from file] <network-name> tag...', description: 'Remove tags from the given network', load: () => import('./remove-tags.js') },
  },
  aliases: { show: 'info' },
  envOverride: ['list'],
};
