// The HTTP side of ganeti-rapi: one request = route lookup (404), method (501), caller
// (basic auth: 401; rights: 403), JSON body (415/400), then the resource. Every refusal is
// Ganeti's error JSON; nothing a client sends can end the daemon (a handler's failure is a
// 500 for that request only). Malformed requests are refused here, before any master call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../common/log.js';
import { badRequest, forbidden, HttpError, notFound, notImplemented, unauthorized } from './http-error.js';
import { httpFromMasterError, RawJson, type MasterLink } from './master-link.js';
import type { RapiRequest } from './request.js';
import type { Handler, MethodName } from './resources/common.js';
import { matchRoute } from './routes.js';
import { verifyPassword, type RapiUser, type UsersFile } from './users.js';

/** Larger bodies are refused (413): no RAPI request needs more. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface ServerOptions {
  users: UsersFile;
  link: MasterLink;
  log: Logger;
  /** Ganeti's --require-authentication: GET needs credentials too. */
  requireAuth: boolean;
}

export interface Caller { user: RapiUser | null; owner: string | null }

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = value instanceof RawJson ? value.bytes() : JSON.stringify(value === undefined ? null : value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  const body = err.body();
  if (res.headersSent) { res.destroy(); return; }
  res.writeHead(err.code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...err.headers });
  res.end(body);
}

/** HTTP basic auth: the caller, null without credentials; 401 for wrong ones. */
export function authenticate(req: IncomingMessage, users: UsersFile): Caller {
  const header = req.headers.authorization;
  if (!header) return { user: null, owner: null };
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) throw unauthorized();
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) throw unauthorized();
  const user = users.get(text.slice(0, colon));
  if (!user || !verifyPassword(user, text.slice(colon + 1))) throw unauthorized();
  return { user, owner: user.options.has('user') ? user.name : null };
}

/** Whether the caller may run this method (401 without credentials, 403 without the right). */
export function authorize(caller: Caller, handler: Handler, requireAuth: boolean): void {
  if (!caller.user) {
    if (handler.access !== 'public' || requireAuth) throw unauthorized();
    return;
  }
  if (caller.owner !== null) {
    if (!handler.owner) throw forbidden();
    return;
  }
  const o = caller.user.options;
  if (handler.access === 'write' && !o.has('write')) throw forbidden();
  if (handler.access === 'read' && !o.has('read') && !o.has('write')) throw forbidden();
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) { reject(new HttpError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`)); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(req: IncomingMessage, raw: Buffer): unknown {
  if (!raw.length || !raw.toString('utf8').trim()) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, `Request body must be application/json, got '${type || 'no content type'}'`);
  try { return JSON.parse(raw.toString('utf8')) as unknown; } catch { throw badRequest('Unable to parse JSON data'); }
}

/** A browser page of another site must not drive the API with the user's cached credentials. */
export function checkOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin && origin !== `https://${req.headers.host ?? ''}`) throw forbidden(`Cross-origin request from ${origin} refused`);
}

export function decodedPath(url: string): { path: string; query: URLSearchParams } {
  const u = new URL(url, 'https://rapi.invalid');
  let path: string;
  try { path = decodeURIComponent(u.pathname); } catch { throw badRequest(`Invalid path '${u.pathname}'`); }
  return { path: path.length > 1 ? path.replace(/\/+$/, '') : path, query: u.searchParams };
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, opts: ServerOptions): Promise<void> {
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    const { path, query } = decodedPath(req.url ?? '/');
    const route = matchRoute(path);
    if (!route) throw notFound();
    const handler = route.methods[method as MethodName];
    checkOrigin(req);
    const caller = authenticate(req, opts.users);
    // Anonymous callers learn nothing beyond the public reads: any other method is a 401
    // before it is a 501.
    if (!caller.user && (handler?.access !== 'public' || opts.requireAuth)) throw unauthorized();
    if (!handler) throw notImplemented(method, path);
    authorize(caller, handler, opts.requireAuth);
    const body = parseBody(req, await readBody(req));
    const r: RapiRequest = { method, path, items: route.items, query, body, user: caller.user, owner: caller.owner, link: opts.link };
    const result = await handler.run(r);
    sendJson(res, 200, result);
  } catch (err) {
    const http = err instanceof HttpError ? err : httpFromMasterError(err);
    if (http.code >= 500) opts.log.warn(`${req.method} ${req.url}: ${http.code} ${http.explain}`, err instanceof HttpError ? {} : { err: String((err as Error)?.stack ?? err) });
    sendError(res, http);
  }
}
