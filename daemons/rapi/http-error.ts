// Ganeti's HTTP errors (lib/http/__init__.py HttpException subclasses) and the JSON body its
// RAPI sends with every refusal: {"code": N, "message": reason phrase, "explain": detail}.
import { STATUS_CODES } from 'node:http';

export class HttpError extends Error {
  constructor(readonly code: number, readonly explain = '', readonly headers: Record<string, string> = {}) {
    super(explain || STATUS_CODES[code] || `HTTP ${code}`);
    this.name = 'HttpError';
  }

  body(): string {
    return JSON.stringify({ code: this.code, message: STATUS_CODES[this.code] ?? 'Error', explain: this.explain });
  }
}

/** Realm of HTTP basic auth and of {HA1} password hashes (Ganeti's constants.RAPI_REALM-like). */
export const AUTH_REALM = 'Ganeti Remote API';

export const badRequest = (explain: string) => new HttpError(400, explain);
export const unauthorized = () => new HttpError(401, '', { 'WWW-Authenticate': `Basic realm="${AUTH_REALM}"` });
export const forbidden = (explain = '') => new HttpError(403, explain);
export const notFound = (explain = '') => new HttpError(404, explain);
export const notImplemented = (method: string, path: string) =>
  new HttpError(501, `Method ${method} is unsupported for path ${path}`);
