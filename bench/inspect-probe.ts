// A small Chrome DevTools Protocol client for benches: evaluates expressions in a daemon
// started with --inspect=HOST:PORT (process.memoryUsage(), heap spaces) and forces a full
// collection, so a bench can tell live memory from garbage and from committed-but-free pages.
// Also summarises /proc/PID/smaps (anonymous memory by region) for what lies outside V8.
import { readFileSync } from 'node:fs';

export class InspectProbe {
  private seq = 0;
  private readonly waiting = new Map<number, (v: any) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.onmessage = (ev) => {
      const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown; error?: unknown };
      if (msg.id !== undefined) this.waiting.get(msg.id)?.(msg.error ? { error: msg.error } : msg.result);
    };
  }

  static async connect(hostPort: string): Promise<InspectProbe> {
    const list = await (await fetch(`http://${hostPort}/json/list`)).json() as { webSocketDebuggerUrl: string }[];
    const ws = new WebSocket(list[0]!.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => { ws.onopen = () => resolve(); ws.onerror = () => reject(new Error('inspector connect failed')); });
    return new InspectProbe(ws);
  }

  call(method: string, params: Record<string, unknown> = {}): Promise<any> {
    const id = ++this.seq;
    return new Promise((resolve) => { this.waiting.set(id, resolve); this.ws.send(JSON.stringify({ id, method, params })); });
  }

  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.call('Runtime.evaluate', { expression, returnByValue: true });
    return r?.result?.value as T;
  }

  /** process.memoryUsage() and V8's heap spaces (committed / used), in MB. */
  async memory(): Promise<string> {
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    const u = await this.evaluate<Record<string, number>>('process.memoryUsage()');
    const spaces = await this.evaluate<{ n: string; c: number; u: number }[]>(
      "process.getBuiltinModule('v8').getHeapSpaceStatistics().map((s) => ({ n: s.space_name, c: s.physical_space_size, u: s.space_used_size }))");
    const sp = (spaces ?? []).filter((s) => s.c > 2 ** 20).map((s) => `${s.n.replace('_space', '')} ${mb(s.c)}/${mb(s.u)}`).join(', ');
    return `heap ${mb(u.heapTotal!)}/${mb(u.heapUsed!)} external ${mb(u.external!)} arrayBuffers ${mb(u.arrayBuffers!)} [${sp}]`;
  }

  gc(): Promise<unknown> { return this.call('HeapProfiler.collectGarbage'); }
  close(): void { this.ws.close(); }
}

/** Anonymous RSS by mapping kind: the brk heap, other anonymous regions (V8's pages, mmap'd
 * malloc chunks, thread stacks), file-backed pages; with the largest anonymous regions. */
export function smapsSummary(pid: number): string {
  const text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  let heap = 0, anon = 0, file = 0;
  const regions: [number, string][] = [];
  let head = '';
  for (const line of text.split('\n')) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) { head = line; continue; }
    const m = /^Rss:\s+(\d+) kB/.exec(line);
    if (!m) continue;
    const kb = Number(m[1]);
    const name = head.split(/\s+/).slice(5).join(' ');
    if (name === '[heap]') heap += kb;
    else if (name === '' || name.startsWith('[anon')) { anon += kb; regions.push([kb, head.split(' ')[0]!]); } else file += kb;
  }
  regions.sort((a, b) => b[0] - a[0]);
  const top = regions.slice(0, 5).map(([kb, r]) => `${(kb / 1024).toFixed(1)}@${r}`).join(' ');
  return `brk ${(heap / 1024).toFixed(1)} anon ${(anon / 1024).toFixed(1)} file ${(file / 1024).toFixed(1)} MB; largest anon: ${top}`;
}
