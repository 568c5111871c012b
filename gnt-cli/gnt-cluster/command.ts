// gnt-cluster: the verbs, their usage and description (Ganeti's commands table). Each
// verb's code is loaded only when that verb runs.
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-cluster',
  verbs: {
    init: { usage: '[opts...] <cluster_name>', description: 'Initialises a new cluster configuration', load: () => import('./init.js') },
    info: { usage: '[--roman]', description: 'Show cluster configuration', load: () => import('./info.js') },
    version: { usage: '', description: 'Shows the cluster version', load: () => import('./version.js') },
    getmaster: { usage: '', description: 'Shows the cluster master', load: () => import('./getmaster.js') },
    'master-ping': { usage: '', description: 'Checks if the master is alive', load: () => import('./master-ping.js') },
    verify: { usage: '', description: 'Does a check on the cluster configuration', load: () => import('./verify.js') },
    modify: { usage: '[opts...]', description: 'Alters the parameters of the cluster', load: () => import('./modify.js') },
    queue: { usage: 'drain|undrain|info', description: 'Change queue properties', load: () => import('./queue.js') },
    watcher: { usage: '{pause <timespec>|continue|info}', description: 'Change watcher properties', load: () => import('./watcher.js') },
    'renew-crypto': {
      usage: '[-f] [--new-cluster-certificate] [--new-node-certificates]',
      description: 'Renews the cluster certificates without restarting the daemons',
      load: () => import('./renew-crypto.js'),
    },
    'redist-conf': {
      usage: '',
      description: 'Forces a push of the configuration file and ssconf files to the nodes in the cluster',
      load: () => import('./redist-conf.js'),
    },
    'master-failover': {
      usage: '[--no-voting] [--yes-do-it]',
      description: 'Makes the current node the master',
      load: () => import('./master-failover.js'),
    },
    'activate-master-ip': { usage: '', description: 'Activates the master IP', load: () => import('./activate-master-ip.js') },
    'deactivate-master-ip': { usage: '[--yes-do-it]', description: 'Deactivates the master IP', load: () => import('./deactivate-master-ip.js') },
    'show-ispecs-cmd': { usage: '', description: 'Show the command line to re-create the cluster', load: () => import('./show-ispecs-cmd.js') },
    'verify-disks': { usage: '', description: 'Checks if instance disks are activated and activates them', load: () => import('./verify-disks.js') },
    'repair-disk-sizes': { usage: '[<instance>...]', description: 'Updates mismatches in recorded disk sizes', load: () => import('./repair-disk-sizes.js') },
    'list-tags': { usage: '', description: 'List the tags of the given cluster', load: () => import('./list-tags.js') },
    'add-tags': { usage: '[--from file] tag...', description: 'Add tags to the given cluster', load: () => import('./add-tags.js') },
    'remove-tags': { usage: '[--from file] tag...', description: 'Remove tags from the given cluster', load: () => import('./remove-tags.js') },
    'search-tags': { usage: 'regexp', description: 'Searches the tags on all objects on the cluster for a given pattern (regex)', load: () => import('./search-tags.js') },
    rename: { usage: '[-f] <new_name>', description: 'Renames the cluster', load: () => import('./rename.js') },
    destroy: { usage: '--yes-do-it', description: 'Destroy cluster', load: () => import('./destroy.js') },
    command: { usage: '[-n node...] [-g group] [-M] [--failure-only] <command>', description: 'Runs a command on all (or only some) nodes', load: () => import('./run-command.js') },
    copyfile: { usage: '[--use-replication-network] [-n node...] [-g group] <filename>', description: 'Copies a file to all (or only some) nodes', load: () => import('./copyfile.js') },
    epo: {
      usage: '[opts...] [args]',
      description: 'Performs an emergency power-off on given args',
      load: () => import('./epo.js'),
    },
    upgrade: { usage: '', description: 'Upgrade (or downgrade) to a new Ganeti version', load: () => import('./upgrade.js') },
  },
  aliases: { show: 'info' },
};
