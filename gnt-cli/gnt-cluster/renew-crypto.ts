// gnt-cluster renew-crypto [-f] [--new-cluster-certificate] [--new-node-certificates]:
// OP_CLUSTER_RENEW_CRYPTO. Unlike Ganeti, no daemon restarts: the node daemons switch to
// the new certificates in place, and a new cluster CA is rolled out in three rounds.
import { OpClusterRenewCrypto } from '../../daemons/common/opcodes/cluster.js';
import { askYesNo } from '../framework/confirm.js';
import { CliError } from '../../daemons/common/client/exit-codes.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';

interface RenewOpts extends GenericOpts {
  force?: boolean;
  newClusterCertificate?: boolean;
  newNodeCertificates?: boolean;
  newSshKeys?: boolean;
  verbose?: boolean;
}

export const verb: VerbDef<RenewOpts> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('-f, --force', 'Do not ask for confirmation');
    cmd.option('--new-cluster-certificate', 'Generate a new cluster CA and new node certificates signed by it');
    cmd.option('--new-node-certificates', 'Generate new node certificates, signed by the current cluster CA');
    cmd.option('--new-ssh-keys', 'Generate new SSH keys (not supported by this version)');
    cmd.option('-v, --verbose', 'Report every file updated on every node');
  },
  async run(ctx, opts) {
    if (!opts.newClusterCertificate && !opts.newNodeCertificates && !opts.newSshKeys) {
      throw new CliError('Nothing to renew: give --new-cluster-certificate and/or --new-node-certificates');
    }
    const op = buildOp(ctx, OpClusterRenewCrypto, {
      cluster_certificate: !!opts.newClusterCertificate,
      // A new CA needs new node certificates; say so in the opcode as well.
      node_certificates: !!opts.newNodeCertificates || !!opts.newClusterCertificate,
      renew_ssh_keys: !!opts.newSshKeys,
      verbose: !!opts.verbose,
    }, opts);
    if (!opts.force) {
      const ok = await askYesNo(ctx.io, 'Updating certificates now. The node daemons keep running and switch to the' +
        ' new certificates without a restart. Do you want to continue?');
      if (!ok) return 1;
    }
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
