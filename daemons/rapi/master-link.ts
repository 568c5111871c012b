// ganeti-rapi's one connection to ganeti-masterd (the client library's MasterApi over the
// master socket, opened on first use and reused by every request), and the translation of
// the master's errors into Ganeti's HTTP answers (baserlib.SubmitJob / GetClient).
import { NoMasterError } from '../common/client/exit-codes.js';
import { connectMaster } from '../common/client/master-client.js';
import type { MasterApi, OpcodeDict } from '../common/client/master-api.js';
import { decodeError, type GanetiError } from '../common/errors.js';
import { pollJob } from '../common/client/job-poller.js';
import { OpInstanceConsole } from '../common/opcodes/instance.js';
import { HttpError } from './http-error.js';

export type Row = Record<string, unknown>;

/** An answer that is already JSON text (sendJson writes it as it is, encoded once). */
export class RawJson {
  private encoded: Buffer | null = null;
  constructor(readonly text: string) {}
  /** The UTF-8 bytes, kept: a kept answer sent again is not encoded again. */
  bytes(): Buffer { return (this.encoded ??= Buffer.from(this.text, 'utf8')); }
}

/** How many bulk answers ganeti-rapi keeps (each query form: fields, names, filter). */
const KEPT_ANSWERS = 4;

/** Maps a master error to the HTTP status Ganeti's RAPI answers with. */
export function httpFromMasterError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof NoMasterError) return new HttpError(502, `Can't connect to master daemon: ${err.message}`);
  const e = err as GanetiError;
  const msg = e?.message ?? String(err);
  if (e?.name === 'JobQueueFullError') return new HttpError(503, 'Job queue is full, needs archiving');
  if (e?.name === 'JobQueueDrainError') return new HttpError(503, 'Job queue is drained, cannot submit');
  if (e?.ecode === 'unknown_entity' || e?.name === 'ResolverError') return new HttpError(404, msg);
  if (e?.ecode === 'wrong_input' || e?.name === 'ParameterError') return new HttpError(400, msg);
  return new HttpError(500, msg);
}

export class MasterLink {
  private api: MasterApi | null = null;
  /** Identical reads in flight: the running query and the one queued behind it (see shared()). */
  private readonly flights = new Map<string, { running: Promise<unknown>; next: Promise<unknown> | null }>();
  /** The last bulk answer per query form and its master tag: sent again while the master says it is current. */
  private readonly kept = new Map<string, { tag: string; raw: RawJson }>();

  constructor(private readonly socketPath: string) {}

  master(): MasterApi {
    this.api ??= connectMaster(this.socketPath);
    return this.api;
  }

  /** Runs fn against the master; any failure becomes the HTTP error Ganeti would answer. */
  async call<T>(fn: (m: MasterApi) => Promise<T>): Promise<T> {
    try {
      return await fn(this.master());
    } catch (err) {
      if (err instanceof NoMasterError) this.reset();
      throw httpFromMasterError(err);
    }
  }

  /** Submits one job; the job id, as Ganeti's RAPI returns it (a bare JSON integer). */
  async submit(ops: OpcodeDict[]): Promise<number> {
    const [res] = await this.call((m) => m.submitJobs([ops]));
    if (!res) throw new HttpError(500, 'The master returned no result for the submitted job');
    if (!res.ok) throw httpFromMasterError(decodeError(res.error ?? { class: 'GanetiError', message: 'job submission failed', ecode: '' }));
    return res.jobId;
  }

  /** A query as row objects; cells the master could not fill are null (as Ganeti's old-style queries). */
  async rows(what: string, fields: string[], names: string[] = [], filter: unknown[] | null = null): Promise<Row[]> {
    const res = await this.shared(JSON.stringify([what, fields, names, filter]), () => this.call((m) => m.query(what, fields, names, filter)));
    return res.rows.map((row) => Object.fromEntries(fields.map((f, i) => [f, row[i]?.status === 0 ? row[i]!.value : null])));
  }

  /**
   * A query in RAPI's bulk form, as the JSON text the master made: the rows are sent to the
   * client without being parsed and rebuilt here (10,000 instances are 10 MB of JSON).
   */
  async objects(what: string, fields: string[], names: string[] = [], filter: unknown[] | null = null): Promise<RawJson> {
    const key = JSON.stringify(['objects', what, fields, names, filter]);
    return this.shared(key, () => this.call(async (m) => {
      if (m.queryObjectsTagged) {
        const held = this.kept.get(key);
        const { json, tag } = await m.queryObjectsTagged(what, fields, names, filter, held?.tag ?? '');
        if (json === null && held) return held.raw;
        const raw = new RawJson(json ?? '[]');
        this.kept.delete(key);
        if (tag) this.kept.set(key, { tag, raw });
        while (this.kept.size > KEPT_ANSWERS) this.kept.delete(this.kept.keys().next().value!);
        return raw;
      }
      if (m.queryObjectsJson) return new RawJson(await m.queryObjectsJson(what, fields, names, filter));
      const res = await m.query(what, fields, names, filter);
      return new RawJson(JSON.stringify(res.rows.map((row) => Object.fromEntries(fields.map((f, i) => [f, row[i]?.status === 0 ? row[i]!.value : null])))));
    }));
  }

  /**
   * How to reach an instance's console: OP_INSTANCE_CONSOLE, as gnt-instance console asks
   * (the master checks the instance runs and asks its node); null when it has none.
   */
  async consoleOf(instance: string): Promise<Record<string, unknown> | null> {
    const id = await this.submit([OpInstanceConsole.build({ instance_name: instance }) as unknown as OpcodeDict]);
    const [result] = await this.call((m) => pollJob(m, id, 'silent', () => undefined));
    return result && typeof result === 'object' ? result as Record<string, unknown> : null;
  }

  /**
   * Many clients asking the same thing at once (200 pollers of one job) cost the master one
   * query per round instead of one each. A request never gets an answer older than itself:
   * while a query runs, new identical requests wait for the NEXT one, which starts when the
   * running one ends and serves all of them.
   */
  private shared<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const e = this.flights.get(key);
    if (!e) return this.start(key, fn);
    e.next ??= e.running.then(() => undefined, () => undefined).then(() => this.start(key, fn));
    return e.next as Promise<T>;
  }

  private start<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const p = fn();
    const entry: { running: Promise<unknown>; next: Promise<unknown> | null } = { running: p, next: null };
    this.flights.set(key, entry);
    // Runs before the queued query's start (registered first): the entry stays while one is queued.
    const settle = () => { if (this.flights.get(key) === entry && !entry.next) this.flights.delete(key); };
    p.then(settle, settle);
    return p;
  }

  reset(): void {
    try { this.api?.close(); } catch { /* already closed */ }
    this.api = null;
  }
}
