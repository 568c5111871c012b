// /2/query/RESOURCE and /2/query/RESOURCE/fields (rlib2.R_2_query, R_2_query_fields): the
// generic query of the master, answered as Ganeti's QueryResponse / QueryFieldsResponse.
import type { QueryResult } from '../../common/client/master-api.js';
import { badRequest } from '../http-error.js';
import { bodyDict, type RapiRequest } from '../request.js';
import type { Methods } from './common.js';

/** The resources the master can query (Ganeti's QR_VIA_RAPI, as far as this build has them). */
export const QUERY_RESOURCES = ['node', 'instance', 'group', 'os', 'job', 'network'];

const splitFields = (text: string) => text.split(',').map((f) => f.trim());

function queryFields(r: RapiRequest): string[] {
  const f = r.query.get('fields');
  if (f === null) throw badRequest("Missing 'fields' query argument");
  return splitFields(f);
}

function toDict(res: QueryResult, withData: boolean): Record<string, unknown> {
  const fields = res.fields.map((f) => ({ name: f.name, title: f.title, kind: f.kind, doc: f.doc }));
  return withData ? { fields, data: res.rows.map((row) => row.map((c) => [c.status, c.value])) } : { fields };
}

async function runQuery(r: RapiRequest, fields: string[], qfilter: unknown): Promise<Record<string, unknown>> {
  if (qfilter !== null && qfilter !== undefined && !Array.isArray(qfilter)) throw badRequest('Query filter must be a list');
  const res = await r.link.call((m) => m.query(r.items[0]!, fields, [], (qfilter as unknown[] | null | undefined) ?? null));
  return toDict(res, true);
}

export const query: Methods = {
  // Results can hold anything about the cluster: write access, as in Ganeti.
  GET: { access: 'write', run: (r) => runQuery(r, queryFields(r), null) },
  PUT: {
    access: 'write',
    run(r) {
      const body = bodyDict(r);
      const fields = 'fields' in body ? body.fields : queryFields(r);
      if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string')) throw badRequest("The 'fields' parameter should be a list of strings");
      return runQuery(r, fields as string[], body.qfilter ?? body.filter ?? null);
    },
  },
};

export const queryFieldsRes: Methods = {
  GET: {
    access: 'public',
    async run(r) {
      const f = r.query.get('fields');
      const res = await r.link.call((m) => m.queryFields(r.items[0]!, f === null ? [] : splitFields(f)));
      return toDict(res, false);
    },
  },
};
