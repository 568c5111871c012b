// gnt-cluster copyfile [--use-replication-network] [-n NODE...] [-g GROUP] FILE: copies FILE
// from the master to the same path on the other online nodes (Ganeti's scp -p: content, mode
// and times). It goes over the nodes' own channel (ganeti-cluster-command, node RPC
// NodeCopyFile), and each node checks the path itself: never into its data or run directory
// nor onto file-storage-paths. Unlike Ganeti, a failed copy makes the exit code 1.
import { resolve } from 'node:path';
import { collect } from '../../daemons/common/client/keyval.js';
import { CLUSTER_COMMAND_PROGRAM, type ClusterCommandMessage } from '../../daemons/common/cluster-command-options.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { runDaemonProgram } from './init-program.js';

interface Opts { node?: string[]; nodeGroup?: string; useReplicationNetwork?: boolean }

export const verb: VerbDef<Opts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-n, --node <node>', 'Node to copy the file to (repeatable; default: all nodes)', collect(String));
    cmd.option('-g, --node-group <group>', 'Node group to copy the file to');
    cmd.option('--use-replication-network', 'Copy over the nodes\' secondary (replication) addresses');
  },
  async run(ctx, opts, [file]) {
    let failed = false;
    await runDaemonProgram(CLUSTER_COMMAND_PROGRAM, {
      action: 'copyfile', file: resolve(file!), use_replication_network: !!opts.useReplicationNetwork,
      nodes: opts.node ?? [], ...(opts.nodeGroup ? { group: opts.nodeGroup } : {}),
    }, (line) => {
      const msg = JSON.parse(line) as ClusterCommandMessage;
      if ('error' in msg) failed = true;
      if ('note' in msg) ctx.err(msg.note);
      else if ('error' in msg) ctx.err(msg.error);
    });
    return failed ? 1 : 0;
  },
};
