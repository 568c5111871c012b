// gnt-instance: the verbs, their usage and description (Ganeti's commands table).
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-instance',
  verbs: {
    add: {
      usage: '[...] -t disk-type -n node[:secondary-node] -o os-type <instance-name>',
      description: 'Creates and adds a new instance to the cluster',
      load: () => import('./add.js'),
    },
    'batch-create': {
      usage: '<instances.json>', description: 'Create a bunch of instances based on specs in the file.',
      load: () => import('./batch-create.js'),
    },
    console: {
      usage: '[--show-cmd] <instance-name>', description: 'Opens a console on the specified instance',
      load: () => import('./console.js'),
    },
    info: {
      usage: '[-s] {--all | <instance-name>...}', description: 'Show information on the specified instance(s)',
      load: () => import('./info.js'),
    },
    list: {
      usage: '[<instance-name>...]',
      description: 'Lists the instances and their status. The available fields can be shown using the "list-fields"' +
        ' command (see the man page for details). The default field list is (in order): name, hypervisor, os,' +
        ' pnode, status, oper_ram.',
      load: () => import('./list.js'),
    },
    'list-fields': { usage: '[fields...]', description: 'Lists all available fields for instances', load: () => import('./list-fields.js') },
    remove: { usage: '[-f] <instance-name>', description: 'Shuts down the instance and removes it', load: () => import('./remove.js') },
    rename: { usage: '<old-name> <new-name>', description: 'Rename the instance', load: () => import('./rename.js') },
    reinstall: { usage: '[-f] <instance>', description: 'Reinstall a stopped instance', load: () => import('./reinstall.js') },
    modify: { usage: '<instance-name>', description: 'Alters the parameters of an instance', load: () => import('./modify.js') },
    'grow-disk': {
      usage: '[--no-wait-for-sync] [--absolute] <instance> <disk> <size>', description: "Grow an instance's disk",
      load: () => import('./grow-disk.js'),
    },
    'activate-disks': { usage: '<instance>', description: "Activate an instance's disks", load: () => import('./activate-disks.js') },
    'deactivate-disks': { usage: '[-f] <instance>', description: "Deactivate an instance's disks", load: () => import('./deactivate-disks.js') },
    'recreate-disks': {
      usage: '[-n node] [-I iallocator] [--disk N[:size=...,mode=...]] <instance>', description: "Recreate an instance's disks",
      load: () => import('./recreate-disks.js'),
    },
    failover: {
      usage: '[-f] [--ignore-consistency] [--shutdown-timeout N] [-n node | -I iallocator] <instance>',
      description: 'Stops the instance, changes its primary node and (if it was originally running) starts it on the new node' +
        ' (the secondary for mirrored instances or any node for shared storage).',
      load: () => import('./failover.js'),
    },
    migrate: {
      usage: '[-f] [--non-live | --migration-mode=live|non-live] [--allow-failover] [-n node | -I iallocator] [--cleanup] <instance>',
      description: 'Migrate instance to its secondary node (only for mirrored instances)',
      load: () => import('./migrate.js'),
    },
    shutdown: { usage: '<instance-name>...', description: 'Stops one or more instances', load: () => import('./shutdown.js') },
    startup: { usage: '<instance-name>...', description: 'Starts one or more instances', load: () => import('./startup.js') },
    reboot: { usage: '<instance-name>...', description: 'Reboots one or more instances', load: () => import('./reboot.js') },
    'list-tags': { usage: '<instance_name>', description: 'List the tags of the given instance', load: () => import('./list-tags.js') },
    'add-tags': { usage: '[--from file] <instance_name> tag...', description: 'Add tags to the given instance', load: () => import('./add-tags.js') },
    'remove-tags': { usage: '[--from file] <instance_name> tag...', description: 'Remove tags from the given instance', load: () => import('./remove-tags.js') },
    suspend: {
      usage: '<instance-name>', description: "Saves a running instance's state to a file on its node and stops it",
      load: () => import('./suspend.js'),
    },
    resume: { usage: '<instance-name>', description: 'Starts a suspended instance from its saved state', load: () => import('./resume.js') },
    pause: { usage: '<instance-name>', description: "Stops a running instance's virtual CPUs", load: () => import('./pause.js') },
    continue: { usage: '<instance-name>', description: 'Lets a paused instance run again', load: () => import('./continue.js') },
    snapshot: { usage: '[--name SNAP] <instance-name>', description: "Snapshots all of an instance's disks", load: () => import('./snapshot.js') },
    'snapshot-list': { usage: '<instance-name>', description: "Lists an instance's snapshots", load: () => import('./snapshot-list.js') },
    'snapshot-revert': {
      usage: '[-f] <instance-name> <snapshot>', description: "Puts an instance's disks back to a snapshot (stops it first)",
      load: () => import('./snapshot-revert.js'),
    },
    'snapshot-delete': { usage: '<instance-name> <snapshot>', description: 'Removes a snapshot', load: () => import('./snapshot-delete.js') },
    'save-as': {
      usage: '[--disk N] [--snapshot SNAP] <instance-name> <image-path>',
      description: "Saves an instance's disk (or a snapshot of it) as a standalone compressed qcow2 image",
      load: () => import('./save-as.js'),
    },
    move: {
      usage: '[-f] [--ignore-consistency] [-n node] [--compress=MODE] [--shutdown-timeout N] <instance>',
      description: 'Move instance to an arbitrary node (only for instances of type file and plain)',
      load: () => import('./move.js'),
    },
    'change-group': {
      usage: '[-I <iallocator>] [--to <group>] <instance-name>', description: 'Change group of instance',
      load: () => import('./change-group.js'),
    },
  },
  aliases: { start: 'startup', stop: 'shutdown', show: 'info' },
  envOverride: ['list'],
};
