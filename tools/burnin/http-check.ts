// _CheckInstanceAlive (-C/--http-check): the instance must serve /hostname.txt with its
// own name within --net-timeout seconds; refused connections are retried every second.
import { delay } from '../../daemons/common/async.js';
import { InstanceDown } from './errors.js';

export async function checkInstanceAlive(name: string, netTimeoutSec: number): Promise<void> {
  const end = Date.now() + netTimeoutSec * 1000;
  let body: string | null = null;
  while (Date.now() < end && body === null) {
    let res: Response;
    try {
      res = await fetch(`http://${name}/hostname.txt`, { signal: AbortSignal.timeout(netTimeoutSec * 1000) });
    } catch {
      // Connection refused, no route, name not resolvable yet: the instance may be booting.
      await delay(1000);
      continue;
    }
    if (!res.ok) throw new InstanceDown(`${name}: HTTP error returned: code ${res.status}, msg ${res.statusText}`);
    body = (await res.text()).trim();
  }
  if (body === null) throw new InstanceDown(`${name}: Cannot contact instance`);
  if (body !== name) throw new InstanceDown(`${name}: Hostname mismatch, expected ${name}, got ${body}`);
}
