// The serial console in the browser: the page asks for a one-time ticket (an authenticated
// POST: a write account, or the instance's owner), then opens a websocket with it; the proxy
// asks the master how to reach the console (the instance's `console` field, kind ssh) and
// runs that command over ssh to the primary node, exactly as gnt-instance console does, so
// the node's console stays on its Unix socket. Bytes go both ways until either side closes.
// The VNC console (noVNC in the page) takes the same ticket, websocket and ssh channel: the
// command run on the node is socat to the instance's VNC server (vnc-target.ts), and the
// bytes are RFB, so no terminal sits in between.
// ws is the maintained websocket server for Node (RFC 6455 framing, masking, ping/pong).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { nodeSshTarget, shellQuote, sshCommand, vclusterSshOptions } from '../common/client/console.js';
import type { Logger } from '../common/log.js';
import { resolvePaths } from '../common/paths.js';
import { forbidden, HttpError } from './http-error.js';
import type { MasterLink } from './master-link.js';
import { NODE_SSH_FIELDS, VNC_FIELDS, vncBridge } from './vnc-target.js';

const TICKET_TTL_MS = 30_000;

/** serial: the instance's console as Ganeti describes it (kind ssh); vnc: its VNC server. */
export type BrowserConsole = 'serial' | 'vnc';
export const BROWSER_CONSOLES: readonly BrowserConsole[] = ['serial', 'vnc'];

interface Ticket { instance: string; user: string; kind: BrowserConsole; expires: number }

export class ConsoleProxy {
  private readonly tickets = new Map<string, Ticket>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly children = new Set<ChildProcess>();
  /** Open console sessions per instance (the dashboard shows which instances have one). */
  private readonly sessions = new Map<string, number>();

  /** The instances with at least one console open in a browser, sorted. */
  connected(): string[] { return [...this.sessions.keys()].sort(); }

  private track(instance: string, delta: number): void {
    const n = (this.sessions.get(instance) ?? 0) + delta;
    if (n > 0) this.sessions.set(instance, n); else this.sessions.delete(instance);
  }

  constructor(private readonly link: MasterLink, private readonly env: Record<string, string | undefined>, private readonly log: Logger) {}

  /** The console description of a running instance (kind ssh: a command on its node), or an HTTP error. */
  private async consoleOf(instance: string, kind: BrowserConsole): Promise<Record<string, unknown>> {
    if (kind === 'vnc') {
      const rows = await this.link.rows('instance', [...VNC_FIELDS], [], ['=', 'name', instance]);
      if (!rows.length) throw new HttpError(404, `Instance '${instance}' not found`);
      const pnode = String(rows[0]!.pnode ?? '');
      const [node] = pnode ? await this.link.rows('node', [...NODE_SSH_FIELDS], [pnode]) : [];
      const paths = resolvePaths(this.env);
      const ssh = nodeSshTarget({ name: pnode, primary_ip: String(node?.pip ?? '') }, node?.['ndp/ssh_port'], paths.clusterDir);
      return vncBridge(rows[0]!, paths.clusterDir && pnode ? paths.forNode(pnode).nodeRoot : '', ssh);
    }
    const c = await this.link.consoleOf(instance);
    if (!c) throw new HttpError(503, 'Instance console unavailable');
    if (c.kind !== 'ssh') throw new HttpError(501, `Console kind '${String(c.kind)}' is not served in the browser`);
    return c;
  }

  /** Issues a ticket for one websocket connection to this instance's console; callers checked by the caller. */
  async ticket(instance: string, user: string, kind: BrowserConsole = 'serial'): Promise<string> {
    await this.consoleOf(instance, kind);
    const now = Date.now();
    for (const [k, t] of this.tickets) if (t.expires < now) this.tickets.delete(k);
    const id = randomBytes(24).toString('base64url');
    this.tickets.set(id, { instance, user, kind, expires: now + TICKET_TTL_MS });
    return id;
  }

  /** Websocket upgrade of /dashboard/console?ticket=…: refused unless the ticket is valid. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, ticketId: string | null): void {
    const t = ticketId ? this.tickets.get(ticketId) : undefined;
    if (ticketId) this.tickets.delete(ticketId);
    if (!t || t.expires < Date.now()) {
      const e = forbidden('Invalid or expired console ticket');
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(e.body())}\r\nConnection: close\r\n\r\n${e.body()}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => { void this.attach(ws, t); });
  }

  private async attach(ws: WebSocket, t: Ticket): Promise<void> {
    let c: Record<string, unknown>;
    try { c = await this.consoleOf(t.instance, t.kind); } catch (err) {
      ws.close(1011, (err as Error).message.slice(0, 120));
      return;
    }
    // The serial console command wants a terminal at both ends (ssh -t, socat raw on the node)
    // and ours is a websocket: script(1) gives ssh a pseudo-terminal, as a user's terminal
    // would. VNC is a byte stream: ssh without a terminal, nothing in between.
    const tty = t.kind === 'serial';
    const argv = sshCommand(c, vclusterSshOptions(this.env), tty);
    this.log.info(`${t.kind} console of ${t.instance} opened by ${t.user}`);
    const child = tty
      ? spawn('script', ['-qfec', argv.map(shellQuote).join(' '), '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.children.add(child);
    this.track(t.instance, 1);
    let ended = false;
    const end = () => { if (!ended) { ended = true; this.track(t.instance, -1); } };
    child.on('exit', end);
    ws.on('close', end);
    const send = (d: Buffer) => { if (ws.readyState === ws.OPEN) ws.send(d); };
    child.stdout!.on('data', send);
    // ssh's complaints are text for a terminal; in an RFB stream they would corrupt it.
    if (tty) child.stderr!.on('data', send);
    else child.stderr!.on('data', (d: Buffer) => this.log.warn(`vnc console of ${t.instance}: ${d.toString('utf8').trim()}`));
    child.on('error', (err) => { ws.close(1011, `ssh failed: ${err.message}`.slice(0, 120)); });
    child.on('exit', (code) => {
      this.children.delete(child);
      if (ws.readyState === ws.OPEN) ws.close(1000, `console closed (ssh exit ${code ?? 'signal'})`);
    });
    child.stdin!.on('error', () => { /* the child went away: its exit closes the websocket */ });
    ws.on('message', (data: Buffer) => { child.stdin!.write(data); });
    ws.on('close', () => {
      this.log.info(`${t.kind} console of ${t.instance} closed by ${t.user}`);
      if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM');
    });
    ws.on('error', () => { if (child.exitCode === null) child.kill('SIGTERM'); });
  }

  close(): void {
    for (const c of this.children) if (c.exitCode === null) c.kill('SIGTERM');
    this.wss.close();
  }
}
