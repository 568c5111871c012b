// The parameter options gnt-group add and modify share (--alloc-policy, --node-parameters,
// -D, the instance policy options) and their opcode parameters.
import type { Command } from 'commander';
import { collect } from '../../daemons/common/client/keyval.js';
import { parseDictOption, parseIdentDicts } from '../../daemons/common/client/params.js';
import { addIPolicyOptions, buildIPolicy, type IPolicyOptions } from '../framework/ipolicy.js';

export interface GroupParamOpts extends IPolicyOptions {
  allocPolicy?: string;
  nodeParameters?: string;
  diskParameters?: string[];
}

export function addGroupParamOptions(cmd: Command): void {
  cmd.option('--alloc-policy <policy>', 'Allocation policy for the node group (preferred, last_resort, unallocable)');
  cmd.option('--node-parameters <params>', 'Node parameters');
  cmd.option('-D, --disk-parameters <template:params>', 'Disk template parameters (repeatable)', collect(String));
  addIPolicyOptions(cmd);
}

export function groupParams(opts: GroupParamOpts): Record<string, unknown> {
  const disk = parseIdentDicts('-D', opts.diskParameters);
  return {
    alloc_policy: opts.allocPolicy,
    ndparams: parseDictOption('--node-parameters', opts.nodeParameters),
    diskparams: Object.keys(disk).length ? disk : undefined,
    ipolicy: buildIPolicy(opts) ?? undefined,
  };
}
