// The command-line options of job-submitting verbs (Ganeti's SUBMIT_OPTS, DRY_RUN_OPT,
// PRIORITY_OPT); their values reach the opcode through the client library's GenericOpts.
import type { Command } from 'commander';

/** --submit and --print-jobid (Ganeti's SUBMIT_OPTS). */
export function addSubmitOptions(cmd: Command): void {
  cmd.option('--submit', "Submit the job and return the job ID, but don't wait for the job to finish");
  cmd.option('--print-jobid', 'Additionally print the job as first line on stdout (for scripting).');
}

export function addDryRunOption(cmd: Command): void {
  cmd.option('--dry-run', 'Do not execute the operation, just run the check steps and verify if it could be executed');
}

export function addPriorityOption(cmd: Command): void {
  cmd.option('--priority <low|normal|high>', 'Priority for opcode processing');
}

/** All of the above: what most job-submitting verbs take. */
export function addJobOptions(cmd: Command, submit = true): void {
  if (submit) addSubmitOptions(cmd);
  addDryRunOption(cmd);
  addPriorityOption(cmd);
}
