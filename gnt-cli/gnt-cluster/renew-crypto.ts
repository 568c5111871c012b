// gnt-cluster renew-crypto [-f] [--new-cluster-certificate] [--new-node-certificates]
// [--new-rapi-certificate | --rapi-certificate FILE]: OP_CLUSTER_RENEW_CRYPTO. Unlike Ganeti,
// no daemon restarts: the node daemons and ganeti-rapi switch to the new certificates in
// place, and a new cluster CA is rolled out in three rounds.
import { readFileSync } from 'node:fs';
import { OpClusterRenewCrypto } from '../../daemons/common/opcodes/cluster.js';
import { askYesNo } from '../framework/confirm.js';
import { CliError } from '../../daemons/common/client/exit-codes.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { checkKeyPair } from '../../daemons/common/pem.js';

interface RenewOpts extends GenericOpts {
  force?: boolean;
  newClusterCertificate?: boolean;
  newNodeCertificates?: boolean;
  newSshKeys?: boolean;
  newRapiCertificate?: boolean;
  rapiCertificate?: string;
  verbose?: boolean;
}

/** The --rapi-certificate file's content, checked here so that a bad file is named before anything is submitted. */
function readRapiCertificate(file: string): string {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (err) {
    throw new CliError(`Can't read the RAPI certificate file ${file}: ${(err as Error).message}`);
  }
  try { checkKeyPair(text); } catch (err) { throw new CliError(`Can't load the RAPI certificate from ${file}: ${(err as Error).message}`); }
  return text;
}

export const verb: VerbDef<RenewOpts> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('-f, --force', 'Do not ask for confirmation');
    cmd.option('--new-cluster-certificate', 'Generate a new cluster CA and new node certificates signed by it');
    cmd.option('--new-node-certificates', 'Generate new node certificates, signed by the current cluster CA');
    cmd.option('--new-ssh-keys', 'Generate new SSH keys (not supported by this version)');
    cmd.option('--new-rapi-certificate', 'Generate a new self-signed RAPI certificate');
    cmd.option('--rapi-certificate <file>', 'File containing new RAPI certificate and its private key (PEM)');
    cmd.option('-v, --verbose', 'Report every file updated on every node');
  },
  async run(ctx, opts) {
    const rapi = !!opts.newRapiCertificate || opts.rapiCertificate !== undefined;
    if (!opts.newClusterCertificate && !opts.newNodeCertificates && !opts.newSshKeys && !rapi) {
      throw new CliError('Nothing to renew: give --new-cluster-certificate, --new-node-certificates, --new-rapi-certificate and/or --rapi-certificate');
    }
    if (opts.newRapiCertificate && opts.rapiCertificate !== undefined) {
      throw new CliError('Only one of the --new-rapi-certificate and --rapi-certificate options can be specified at the same time.');
    }
    const rapiPem = opts.rapiCertificate !== undefined ? readRapiCertificate(opts.rapiCertificate) : undefined;
    const op = buildOp(ctx, OpClusterRenewCrypto, {
      cluster_certificate: !!opts.newClusterCertificate,
      // A new CA needs new node certificates; say so in the opcode as well.
      node_certificates: !!opts.newNodeCertificates || !!opts.newClusterCertificate,
      renew_ssh_keys: !!opts.newSshKeys,
      new_rapi_certificate: !!opts.newRapiCertificate,
      ...(rapiPem !== undefined ? { rapi_certificate_pem: rapiPem } : {}),
      verbose: !!opts.verbose,
    }, opts);
    if (!opts.force) {
      const ok = await askYesNo(ctx.io, 'Updating certificates now. The node daemons and ganeti-rapi keep running and switch to the' +
        ' new certificates without a restart. Do you want to continue?');
      if (!ok) return 1;
    }
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
