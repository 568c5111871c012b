// gnt-job: the verbs, their usage and description (Ganeti's commands table).
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-job',
  verbs: {
    list: {
      usage: '[job_id ...]',
      description: 'Lists the jobs and their status. The available fields can be shown using the "list-fields"' +
        ' command (see the man page for details). The default field list is (in order): id, status, summary.',
      load: () => import('./list.js'),
    },
    'list-fields': { usage: '[fields...]', description: 'Lists all available fields for jobs', load: () => import('./list-fields.js') },
    archive: { usage: '<job-id> [<job-id> ...]', description: 'Archive specified jobs', load: () => import('./archive.js') },
    autoarchive: { usage: '<age>', description: 'Auto archive jobs older than the given age', load: () => import('./autoarchive.js') },
    cancel: {
      usage: '{[--force] [--kill --yes-do-it] {--pending | --queued | --waiting} | <job-id> [<job-id> ...]}',
      description: 'Cancel jobs',
      load: () => import('./cancel.js'),
    },
    info: {
      usage: '<job-id> [<job-id> ...]', description: 'Show detailed information about the specified jobs',
      load: () => import('./info.js'),
    },
    wait: { usage: '<job-id>', description: 'Wait for a job to finish', load: () => import('./wait.js') },
    watch: { usage: '<job-id>', description: 'Follows a job and prints its output as it arrives', load: () => import('./watch.js') },
    'change-priority': {
      usage: '--priority <priority> {[--force] {--pending | --queued | --waiting} | <job-id> [<job-id> ...]}',
      description: 'Change the priority of jobs',
      load: () => import('./change-priority.js'),
    },
  },
  aliases: { show: 'info' },
};
