// Generators for the fuzz test: a seeded PRNG (a failure names its seed and can be
// replayed), random JSON, random bytes, and mutations of valid opcodes that always leave
// them invalid or pointing at objects that do not exist, so that no fuzz job may change
// the cluster.
export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rng, n: number): number => Math.floor(r() * n);

export function randomBytes(r: Rng, max = 200): Buffer {
  const b = Buffer.alloc(int(r, max));
  for (let i = 0; i < b.length; i++) b[i] = int(r, 256);
  return b;
}

const EVIL = [
  'x;touch /tmp/gtsf-pwned', '$(touch /tmp/gtsf-pwned)', '`id`', '../../../etc/passwd', '/etc/shadow', '..', '-rf',
  'a'.repeat(5000), '', ' ', '\u0000', 'a\nb', '\u202e', 'ghost', '%s%n', '{"a":1}', 'OP_NODE_ADD',
];

/** A value of any JSON type, sometimes nested, sometimes hostile. */
export function randomValue(r: Rng, depth = 0): unknown {
  switch (int(r, depth > 2 ? 7 : 10)) {
    case 0: return int(r, 2) ? int(r, 1000) - 500 : pick(r, [1e308, -1e308, 2 ** 53 + 1, 0.5, -0]);
    case 1: return r() < 0.5;
    case 2: return null;
    case 3: return pick(r, EVIL);
    case 4: return randomBytes(r, 20).toString('latin1');
    case 5: return r().toString(36).slice(2, 2 + int(r, 12));   // from the seed: replayable
    case 6: return pick(r, [[], {}, '__proto__', 'constructor']);
    case 7: return Array.from({ length: int(r, 4) }, () => randomValue(r, depth + 1));
    case 8: return Object.fromEntries(Array.from({ length: int(r, 4) }, () => [pick(r, ['__proto__', 'size', 'mode', 'name', 'x', 'OP_ID']), randomValue(r, depth + 1)]));
    default: return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
  }
}

/** Valid opcode shapes whose targets do not exist or whose values are refused. */
const TEMPLATES: Record<string, unknown>[] = [
  { OP_ID: 'OP_INSTANCE_STARTUP', instance_name: 'ghost1' },
  { OP_ID: 'OP_INSTANCE_SHUTDOWN', instance_name: 'ghost1', timeout: 10 },
  { OP_ID: 'OP_INSTANCE_REMOVE', instance_name: 'ghost1' },
  { OP_ID: 'OP_INSTANCE_RENAME', instance_name: 'ghost1', new_name: 'ghost2', name_check: false, ip_check: false },
  { OP_ID: 'OP_INSTANCE_REBOOT', instance_name: 'ghost1', reboot_type: 'hard' },
  { OP_ID: 'OP_INSTANCE_CREATE', instance_name: 'ghost3', disk_template: 'file', disks: [{ size: 16 }], os_type: 'nosuchos',
    pnode: 'node2', name_check: false, ip_check: false },
  { OP_ID: 'OP_NODE_ADD', node_name: 'ghostnode' },
  { OP_ID: 'OP_NODE_REMOVE', node_name: 'ghostnode' },
  { OP_ID: 'OP_NODE_SET_PARAMS', node_name: 'ghostnode', offline: true },
  // Four refused values: up to three mutations can never leave a valid (no-op) modify.
  { OP_ID: 'OP_CLUSTER_SET_PARAMS', mac_prefix: 'zz:zz:zz', candidate_pool_size: 0, max_running_jobs: 0,
    ndparams: JSON.parse('{"__proto__": {"polluted": 1}}') },
];

/** One opcode: a template with one to three mutations (wrong type, hostile value, unknown or missing field). */
export function mutatedOpcode(r: Rng): unknown {
  const op: Record<string, unknown> = JSON.parse(JSON.stringify(pick(r, TEMPLATES)));
  for (let n = 1 + int(r, 3); n > 0; n--) {
    const keys = Object.keys(op).filter((k) => k !== 'OP_ID');
    switch (int(r, 5)) {
      case 0: if (keys.length) Object.defineProperty(op, pick(r, keys), { value: randomValue(r), enumerable: true, writable: true, configurable: true }); break;
      // defineProperty: a plain assignment to '__proto__' would set the prototype, not a key.
      case 1: Object.defineProperty(op, pick(r, ['surprise', '__proto__', 'dry_run', 'priority', 'depends', 'reason']),
        { value: randomValue(r), enumerable: true, writable: true, configurable: true }); break;
      case 2: if (keys.length > 1) delete op[pick(r, keys)]; break;
      case 3: op.OP_ID = pick(r, ['OP_NOPE', '', 'op_instance_startup', 'OP_INSTANCE_STARTUP\u0000', 'OP_CLUSTER_DESTROY']); break;
      default: if (keys.length) op[pick(r, keys)] = pick(r, EVIL);
    }
  }
  return op;
}

/** The ops_json of one submitted job: garbage text, random JSON, or a list of mutated opcodes. */
export function randomJob(r: Rng): string {
  switch (int(r, 6)) {
    case 0: return randomBytes(r, 80).toString('utf8');
    case 1: return JSON.stringify(randomValue(r));
    case 2: return JSON.stringify(Array.from({ length: int(r, 3) }, () => randomValue(r)));
    default: return JSON.stringify(Array.from({ length: 1 + int(r, 3) }, () => mutatedOpcode(r)));
  }
}
