// cli.FormatPolicyInfo: an instance policy for the info layouts (cluster and group info).
import { formatParamsDictInfo, ordered, type InfoEntry, type InfoValue } from './info-printer.js';
import { commaJoin, pyStr } from '../../daemons/common/client/py-format.js';

type Spec = Record<string, unknown>;
type Policy = Record<string, unknown>;

/** The bounds keys in the order Ganeti prints them. */
const MINMAX_KEYS = ['max', 'min'];
const POLICY_PARAMETERS = ['vcpu-ratio', 'spindle-ratio'];

/**
 * custom: the object's own policy; effective: with defaults filled (ignored for the
 * cluster, whose policy is complete).
 */
export function formatPolicyInfo(custom: Policy, effective: Policy | null, isCluster: boolean): InfoEntry[] {
  const eff = isCluster || !effective ? custom : effective;
  const customMinmax = custom.minmax as Spec[] | undefined;
  const source = customMinmax && customMinmax.length ? customMinmax : ((eff.minmax as Spec[] | undefined) ?? []);
  const own = !!(customMinmax && customMinmax.length);
  const minmaxOut: InfoValue[] = source.map((pair, k) => ordered(MINMAX_KEYS.map((key): InfoEntry => {
    const spec = (pair[key] ?? {}) as Spec;
    return [`${key}/${k}`, formatParamsDictInfo(own ? spec : {}, spec)];
  })));
  const ret: InfoEntry[] = [['bounds specs', minmaxOut]];
  if (isCluster) {
    const std = (custom.std ?? {}) as Spec;
    ret.push(['std', formatParamsDictInfo(std, std)]);
  }
  const dts = custom['disk-templates'] as unknown[] | undefined;
  ret.push(['allowed disk templates', dts !== undefined && dts !== null
    ? commaJoin(dts) : `default (${commaJoin((eff['disk-templates'] as unknown[] | undefined) ?? [])})`]);
  for (const key of POLICY_PARAMETERS) {
    ret.push([key, key in custom ? pyStr(custom[key]) : `default (${pyStr(eff[key])})`]);
  }
  return ret;
}
