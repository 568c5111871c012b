// gnt-job list: the job query as a table, optionally limited to some statuses.
import { addListOptions, genericList, parseFields, type ListOpts } from '../framework/generic-list.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { JOB_LIST_FORMAT, simpleFilter, statusSelection, type StatusSelectOpts } from './job-common.js';

interface JobListOpts extends ListOpts, StatusSelectOpts {
  archived?: boolean;
}

export const verb: VerbDef<JobListOpts> = {
  args: ARGS_ANY,
  options(cmd) {
    addListOptions(cmd, false);
    cmd.option('--pending', 'Select jobs pending execution or being cancelled');
    cmd.option('--running', 'Show jobs currently running only');
    cmd.option('--error', 'Show failed jobs only');
    cmd.option('--finished', 'Show finished jobs only');
    cmd.option('--archived', 'Include archived jobs in list (slow and expensive)');
  },
  run(ctx, opts, args) {
    const fields = parseFields(opts.output, ['id', 'status', 'summary']);
    if (opts.archived && !fields.includes('archived')) fields.push('archived');
    const cfg = { resource: 'job', defaultFields: ['id', 'status', 'summary'], overrides: JOB_LIST_FORMAT };
    return genericList(ctx, cfg, opts, args, fields, simpleFilter('status', statusSelection(opts)));
  },
};
