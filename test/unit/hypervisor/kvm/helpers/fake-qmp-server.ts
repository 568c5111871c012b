// A fake qemu QMP endpoint on a Unix socket (Ganeti's test_monitor.py idea): it greets,
// requires qmp_capabilities first like qemu, answers commands from a handler table (with
// optional delays, so replies can come back out of order) and pushes events on demand.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Handler = (args: Record<string, unknown> | undefined) =>
  { return?: unknown; error?: { class: string; desc: string }; delayMs?: number };

export class FakeQmpServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'fake-qmp-'));
  readonly path = join(this.dir, 'qmp.sock');
  readonly received: { execute: string; arguments?: unknown; id?: unknown }[] = [];
  readonly handlers = new Map<string, Handler>();
  private readonly server: Server;
  private readonly clients = new Set<Socket>();
  /** When false, the server accepts connections but never greets (a hung qemu). */
  greet = true;

  constructor() {
    this.server = createServer((sock) => this.onConnection(sock));
    this.handlers.set('query-status', () => ({ return: { status: 'running', running: true, singlestep: false } }));
  }

  listen(): Promise<this> {
    return new Promise((resolve) => this.server.listen(this.path, () => resolve(this)));
  }

  /** Sends an event to every connected client. */
  emitEvent(event: string, data: Record<string, unknown> = {}): void {
    const line = JSON.stringify({ event, data, timestamp: { seconds: 1, microseconds: 2 } });
    for (const c of this.clients) c.write(`${line}\r\n`);
  }

  /** Drops every client connection (qemu exiting). */
  dropClients(): void {
    for (const c of this.clients) c.destroy();
  }

  get connections(): number { return this.clients.size; }

  async close(): Promise<void> {
    this.dropClients();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private onConnection(sock: Socket): void {
    this.clients.add(sock);
    sock.on('close', () => this.clients.delete(sock));
    sock.on('error', () => undefined);
    if (this.greet) {
      sock.write(`${JSON.stringify({ QMP: { version: { qemu: { major: 7, minor: 2, micro: 0 } }, capabilities: ['oob'] } })}\r\n`);
    }
    let negotiated = false;
    let buf = '';
    sock.setEncoding('utf8');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        let msg: { execute: string; arguments?: Record<string, unknown>; id?: unknown };
        try { msg = JSON.parse(line) as typeof msg; } catch {
          sock.write(`${JSON.stringify({ error: { class: 'GenericError', desc: 'JSON parse error' } })}\r\n`);
          continue;
        }
        this.received.push(msg);
        const reply = (body: Record<string, unknown>, delayMs = 0) => {
          const text = `${JSON.stringify({ ...body, ...(msg.id !== undefined ? { id: msg.id } : {}) })}\r\n`;
          if (delayMs) setTimeout(() => { if (!sock.destroyed) sock.write(text); }, delayMs); else sock.write(text);
        };
        if (msg.execute === 'qmp_capabilities') { negotiated = true; reply({ return: {} }); continue; }
        if (!negotiated) {
          reply({ error: { class: 'CommandNotFound', desc: 'Expecting capabilities negotiation with \'qmp_capabilities\'' } });
          continue;
        }
        const h = this.handlers.get(msg.execute);
        if (!h) { reply({ error: { class: 'CommandNotFound', desc: `The command ${msg.execute} has not been found` } }); continue; }
        const r = h(msg.arguments);
        if (r.error) reply({ error: r.error }, r.delayMs); else reply({ return: r.return ?? {} }, r.delayMs);
      }
    });
  }
}
