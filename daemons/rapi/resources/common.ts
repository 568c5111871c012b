// What the resource modules share: the handler shape the route table holds, Ganeti's
// URI lists and field maps (baserlib.BuildUriList / MapFields), owner checks.
import { notFound } from '../http-error.js';
import type { Row } from '../master-link.js';
import type { RapiRequest } from '../request.js';

/**
 * Who may call a method. public: anyone, even without credentials (Ganeti's default for GET,
 * unless --require-authentication); read: a user with `read` or `write`; write: `write`.
 */
export type Access = 'public' | 'read' | 'write';

/**
 * What an owner account (option `user`) may reach through a method; absent: nothing (403).
 * global: cluster facts that say nothing about other users' instances; instance: items[0]
 * must be one of its instances (404 otherwise); mine: the handler filters by r.owner itself.
 */
export type OwnerScope = 'global' | 'instance' | 'mine';

export interface Handler {
  access: Access;
  owner?: OwnerScope;
  run(r: RapiRequest): Promise<unknown>;
}

export type MethodName = 'GET' | 'PUT' | 'POST' | 'DELETE';
export type Methods = Partial<Record<MethodName, Handler>>;

export function uriList(ids: (string | number)[], format: (id: string) => string, idField = 'id'): Row[] {
  const sorted = [...ids].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
  return sorted.map((id) => ({ [idField]: id, uri: format(String(id)) }));
}

/** The owner filter of an owner account's queries, or null for everyone else. */
export function ownerFilter(r: RapiRequest): unknown[] | null {
  return r.owner === null ? null : ['=', 'owner', r.owner];
}

/** For owner accounts: 404 unless instance `name` exists and is theirs (other users' instances do not exist for them). */
export async function checkOwnedInstance(r: RapiRequest, name: string): Promise<void> {
  if (r.owner === null) return;
  const rows = await r.link.rows('instance', ['name', 'owner'], [], ['=', 'name', name]);
  if (!rows.length || rows[0]!.owner !== r.owner) throw notFound(`Instance '${name}' not found`);
}

/** One item by name through the query path (HandleItemQueryErrors: unknown -> 404). */
export async function oneItem(r: RapiRequest, what: string, fields: string[], name: string, filter: unknown[] | null = null): Promise<Row> {
  const rows = await r.link.rows(what, fields, [name], filter);
  if (!rows.length) throw notFound();
  return rows[0]!;
}
