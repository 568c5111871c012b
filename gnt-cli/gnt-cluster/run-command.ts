// gnt-cluster command [-n NODE...] [-g GROUP] [-M] [--failure-only] CMD [ARGS...]: runs CMD on
// the online nodes, one after the other in natural order with the master last, and prints
// each node's output and return code as Ganeti's does. The command travels as an argv over
// the nodes' own channel (ganeti-cluster-command on the master, node RPC NodeRunCommand) and
// no shell parses it: write `sh -c '...'` for pipes and redirections. Options end at the
// command, so its own options need no quoting.
import { collect } from '../../daemons/common/client/keyval.js';
import { CLUSTER_COMMAND_PROGRAM, type ClusterCommandMessage } from '../../daemons/common/cluster-command-options.js';
import { ARGS_AT_LEAST_ONE, type VerbDef } from '../framework/spec.js';
import { runDaemonProgram } from './init-program.js';

interface Opts { node?: string[]; nodeGroup?: string; showMachineNames?: boolean; failureOnly?: boolean }

export const verb: VerbDef<Opts> = {
  args: ARGS_AT_LEAST_ONE,
  options(cmd) {
    cmd.passThroughOptions();
    cmd.option('-n, --node <node>', 'Node to run the command on (repeatable; default: all nodes)', collect(String));
    cmd.option('-g, --node-group <group>', 'Node group to run the command on');
    cmd.option('-M, --show-machine-names', 'Prepend the node name to every output line');
    cmd.option('--failure-only', 'Only show output of commands that failed');
  },
  async run(ctx, opts, argv) {
    await runDaemonProgram(CLUSTER_COMMAND_PROGRAM, {
      action: 'command', argv, nodes: opts.node ?? [], ...(opts.nodeGroup ? { group: opts.nodeGroup } : {}),
    }, (line) => {
      const msg = JSON.parse(line) as ClusterCommandMessage;
      if ('note' in msg) { ctx.err(msg.note); return; }
      if ('error' in msg) { ctx.err(msg.error); return; }
      if (opts.failureOnly && msg.exit_code === 0) return;
      ctx.out('------------------------------------------------');
      if (opts.showMachineNames) {
        for (const l of msg.output.split('\n').filter((x, i, a) => i < a.length - 1 || x !== '')) ctx.out(`${msg.node}: ${l}`);
      } else {
        ctx.out(`node: ${msg.node}`);
        ctx.out(msg.output);
      }
      ctx.out(`return code = ${msg.exit_code}`);
    });
    return 0;
  },
};
