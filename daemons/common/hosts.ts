// Name resolution through a hosts file: /etc/hosts on a real node, DIR/hosts on a virtual
// cluster (vcluster-setup never touches /etc/hosts). Falls back to the system resolver.
import { readFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { ResolverError } from './errors.js';
import type { Paths } from './paths.js';

export function parseHosts(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [ip, ...names] = line.split(/\s+/);
    for (const n of names) if (!map.has(n)) map.set(n, ip!);
  }
  return map;
}

export function lookupHostsFile(paths: Paths, name: string): string | null {
  try { return parseHosts(readFileSync(paths.hostsFile, 'utf8')).get(name) ?? null; } catch { return null; }
}

export async function resolveHost(paths: Paths, name: string): Promise<string> {
  const fromFile = lookupHostsFile(paths, name);
  if (fromFile) return fromFile;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name;
  try {
    return (await lookup(name, { family: 4 })).address;
  } catch {
    throw new ResolverError(`Unable to resolve hostname '${name}'`, { ecode: 'resolver_error' });
  }
}
