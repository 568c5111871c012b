// gnt-network info [NETWORK...] (alias show): Ganeti's ShowNetworkConfig layout.
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';

const FIELDS = ['name', 'network', 'gateway', 'network6', 'gateway6', 'mac_prefix', 'free_count', 'reserved_count',
  'map', 'group_list', 'inst_list', 'external_reservations', 'serial_no', 'uuid'];

export const verb: VerbDef = {
  args: ARGS_ANY,
  async run(ctx, _opts, args) {
    const res = await (await ctx.master()).query('network', FIELDS, args, null);
    for (const cells of res.rows) {
      const [name, network, gateway, network6, gateway6, mac, free, reserved, map, groups, insts, ext, serial, uuid] =
        cells.map((c) => (c.status === 0 ? c.value : null));
      const size = Number(free) + Number(reserved);
      const str = (v: unknown) => (v === null || v === undefined ? 'None' : String(v));
      ctx.out(`Network name: ${str(name)}`);
      ctx.out(`  UUID: ${str(uuid)}`);
      ctx.out(`  Serial number: ${str(serial)}`);
      ctx.out(`  Subnet: ${str(network)}`);
      ctx.out(`  Gateway: ${str(gateway)}`);
      ctx.out(`  IPv6 Subnet: ${str(network6)}`);
      ctx.out(`  IPv6 Gateway: ${str(gateway6)}`);
      ctx.out(`  Mac Prefix: ${str(mac)}`);
      ctx.out(`  Size: ${size}`);
      ctx.out(`  Free: ${str(free)} (${size ? ((Number(free) / size) * 100).toFixed(2) : '0.00'}%)`);
      ctx.out('  Usage map:');
      const m = String(map ?? '');
      for (let i = 0; i < m.length; i += 64) ctx.out(`     ${String(i).padStart(4)} ${m.slice(i, i + 64)}`);
      ctx.out('         (X) used    (.) free');
      if (ext) { ctx.out('  Externally reserved IPs:'); ctx.out(`    ${String(ext)}`); }
      const gl = (groups ?? []) as [string, string, string][];
      if (gl.length) {
        ctx.out('  connected to node groups:');
        for (const [g, mode, link] of gl) ctx.out(`    ${g} (mode:${mode} link:${link})`);
      } else ctx.out('  not connected to any node group');
      const il = (insts ?? []) as string[];
      if (il.length) {
        ctx.out(`  used by ${il.length} instances:`);
        for (const i of il) ctx.out(`    ${i}`);
      } else ctx.out('  not used by any instances');
    }
    return 0;
  },
};
