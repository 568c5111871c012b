// The web dashboard served by ganeti-rapi: the page and its assets (built at build time into
// build/bin/lib/dashboard, nothing fetched from outside), and one server-sent-event stream
// per open page carrying the cluster state (nodes, instances, recent jobs with their log
// lines) whenever it changes. One poller serves every page; each page gets the view its
// account may see (an owner account: its own instances and their jobs only). Actions from
// the page go through the RAPI routes themselves, with the same accounts and checks.
import { readFileSync, readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, join } from 'node:path';
import { HttpError, unauthorized } from './http-error.js';
import { authenticate, checkOrigin, decodedPath, sendError, type Caller, type ServerOptions } from './server.js';
import type { Row } from './master-link.js';
import { BROWSER_CONSOLES, ConsoleProxy, type BrowserConsole } from './console-proxy.js';
import { hasVnc } from './vnc-target.js';
import { sendJson } from './server.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.map': 'application/json',
};

/** How often the shared poller reads the cluster state while a page is open. */
const POLL_MS = 1000;
const RECENT_JOBS = 30;
const LOG_LINES = 5;

const NODE_FIELDS = ['name', 'role', 'offline', 'drained', 'master_candidate', 'mtotal', 'mfree', 'mnode', 'ctotal', 'dtotal', 'dfree', 'pinst_cnt'];
const INSTANCE_FIELDS = ['name', 'status', 'admin_state', 'oper_state', 'pnode', 'os', 'owner', 'be/maxmem', 'be/vcpus',
  'disk_template', 'hypervisor', 'disk.sizes', 'nic.macs', 'network_port', 'ctime', 'mtime', 'base_instances', 'hv/vnc_bind_address'];
const JOB_FIELDS = ['id', 'status', 'summary', 'received_ts', 'end_ts', 'ops', 'oplog'];

/** consoles: the instances with a console open in a browser (through this ganeti-rapi). */
export interface Snapshot { cluster: string; nodes: Row[]; instances: Row[]; jobs: Row[]; consoles: string[] }

interface Client { res: ServerResponse; caller: Caller; last: string }

function loadAssets(dir: string): Map<string, { type: string; data: Buffer }> {
  const assets = new Map<string, { type: string; data: Buffer }>();
  let names: string[] = [];
  try { names = readdirSync(dir); } catch { return assets; }
  for (const n of names) {
    const type = TYPES[extname(n)];
    if (type) assets.set(n, { type, data: readFileSync(join(dir, n)) });
  }
  return assets;
}

function wantsHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '*/*';
  return accept.includes('text/html') || !accept.includes('application/json');
}

/** The part of the state one account may see, and what it may do. */
export function viewFor(snap: Snapshot, caller: Caller): Record<string, unknown> {
  const o = caller.user?.options;
  const owner = caller.owner;
  const me = { name: caller.user?.name ?? null, owner, write: owner === null && !!o?.has('write') };
  if (owner === null) return { me, ...stripOps(snap) };
  const mine = new Set(snap.instances.filter((i) => i.owner === owner).map((i) => String(i.name)));
  const jobs = snap.jobs.filter((j) => {
    const ops = Array.isArray(j.ops) ? (j.ops as Record<string, unknown>[]) : [];
    return ops.length > 0 && ops.every((op) => typeof op.instance_name === 'string' && mine.has(op.instance_name));
  });
  return { me, ...stripOps({ ...snap, nodes: [], instances: snap.instances.filter((i) => mine.has(String(i.name))), jobs,
    consoles: snap.consoles.filter((n) => mine.has(n)) }) };
}

function stripOps(snap: Snapshot): Snapshot {
  return { ...snap, jobs: snap.jobs.map(({ ops: _ops, ...j }) => j) };
}

function lastLogLines(oplog: unknown): string[] {
  const lines: string[] = [];
  for (const op of Array.isArray(oplog) ? oplog : []) {
    for (const e of Array.isArray(op) ? op : []) if (Array.isArray(e)) lines.push(String(e[3] ?? ''));
  }
  return lines.slice(-LOG_LINES);
}

export class DashboardServer {
  private readonly assets: Map<string, { type: string; data: Buffer }>;
  private readonly clients = new Set<Client>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  /** assetsDir: the built page (build/bin/lib/dashboard, next to the rapi bundle). */
  private readonly consoles: ConsoleProxy;

  constructor(private readonly opts: ServerOptions, assetsDir: string, env: Record<string, string | undefined>) {
    this.assets = loadAssets(assetsDir);
    this.consoles = new ConsoleProxy(opts.link, env, opts.log.child('console'));
  }

  /** Handles dashboard requests; null for everything else (the API's). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | null {
    const { path, query } = decodedPath(req.url ?? '/');
    const method = req.method ?? 'GET';
    const ticket = /^\/dashboard\/console-ticket\/([\w._-]+)$/.exec(path);
    if (ticket && method === 'POST') return this.consoleTicket(req, res, ticket[1]!, query.get('kind') ?? 'serial');
    if (method !== 'GET' && method !== 'HEAD') return null;
    if (path === '/' && wantsHtml(req)) return this.page(req, res);
    if (path === '/dashboard/events') return this.events(req, res);
    if (path.startsWith('/dashboard/')) return this.asset(path.slice('/dashboard/'.length), res);
    return null;
  }

  private async page(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const caller = authenticate(req, this.opts.users);
      if (!caller.user) throw unauthorized();
    } catch (err) { sendError(res, err as HttpError); return; }
    await this.asset('index.html', res);
  }

  private async asset(name: string, res: ServerResponse): Promise<void> {
    const a = this.assets.get(name);
    if (!a) { sendError(res, new HttpError(404, this.assets.size ? '' : 'The dashboard assets are not built (npm run build)')); return; }
    res.writeHead(200, { 'Content-Type': a.type, 'Content-Length': a.data.length, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    res.end(a.data);
  }

  private async events(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let caller: Caller;
    try {
      checkOrigin(req);
      caller = authenticate(req, this.opts.users);
      if (!caller.user) throw unauthorized();
    } catch (err) { sendError(res, err as HttpError); return; }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    const client: Client = { res, caller, last: '' };
    this.clients.add(client);
    req.on('close', () => { this.clients.delete(client); });
    this.timer ??= setInterval(() => { void this.poll(); }, POLL_MS);
    await this.poll();
  }

  private async snapshot(): Promise<Snapshot> {
    const link = this.opts.link;
    const [info, nodes, instances, jobs] = await Promise.all([
      link.call((m) => m.clusterInfo()), link.rows('node', NODE_FIELDS), link.rows('instance', INSTANCE_FIELDS),
      link.rows('job', JOB_FIELDS.filter((f) => f !== 'oplog' && f !== 'ops').concat(['ops'])),
    ]);
    const recent = jobs.filter((j) => j.id !== null).sort((a, b) => Number(b.id) - Number(a.id)).slice(0, RECENT_JOBS);
    const logs = recent.length ? await link.rows('job', ['id', 'oplog'], recent.map((j) => String(j.id))) : [];
    const logById = new Map(logs.map((l) => [Number(l.id), lastLogLines(l.oplog)]));
    return {
      // vnc: whether the instance has a VNC console the page can open (noVNC).
      cluster: String(info.name ?? ''), nodes, instances: instances.map((i) => ({ ...i, vnc: hasVnc(i) })),
      jobs: recent.map((j) => ({ ...j, log: logById.get(Number(j.id)) ?? [] })),
      consoles: this.consoles.connected(),
    };
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    if (!this.clients.size) { this.stop(); return; }
    this.polling = true;
    try {
      const snap = await this.snapshot();
      for (const c of this.clients) {
        const data = JSON.stringify(viewFor(snap, c.caller));
        if (data === c.last) continue;
        c.last = data;
        c.res.write(`event: state\ndata: ${data}\n\n`);
      }
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      for (const c of this.clients) c.res.write(`event: failure\ndata: ${JSON.stringify(msg)}\n\n`);
    } finally {
      this.polling = false;
    }
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A console ticket (?kind=serial|vnc): write accounts for any instance, owner accounts for their own. */
  private async consoleTicket(req: IncomingMessage, res: ServerResponse, instance: string, kind: string): Promise<void> {
    try {
      checkOrigin(req);
      if (!BROWSER_CONSOLES.includes(kind as BrowserConsole)) {
        throw new HttpError(400, `Invalid console kind '${kind}' (allowed: ${BROWSER_CONSOLES.join(', ')})`);
      }
      const caller = authenticate(req, this.opts.users);
      if (!caller.user) throw unauthorized();
      if (caller.owner !== null) {
        const rows = await this.opts.link.rows('instance', ['name', 'owner'], [], ['=', 'name', instance]);
        if (!rows.length || rows[0]!.owner !== caller.owner) throw new HttpError(404, `Instance '${instance}' not found`);
      } else if (!caller.user.options.has('write')) {
        throw new HttpError(403);
      }
      sendJson(res, 200, { ticket: await this.consoles.ticket(instance, caller.user.name, kind as BrowserConsole) });
    } catch (err) {
      sendError(res, err instanceof HttpError ? err : new HttpError(500, String((err as Error)?.message ?? err)));
    }
  }

  /** Websocket upgrades: the serial and VNC consoles (/dashboard/console?ticket=…); anything else is refused. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    let path = '';
    let query = new URLSearchParams();
    try { ({ path, query } = decodedPath(req.url ?? '/')); } catch { /* refused below */ }
    if (path === '/dashboard/console') {
      try { checkOrigin(req); } catch {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.consoles.upgrade(req, socket, head, query.get('ticket'));
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  }

  close(): void {
    this.stop();
    this.consoles.close();
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }
}
