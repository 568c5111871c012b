// The result of one RPC to one node, as Ganeti's RpcResult: callers decide whether a
// failure is fatal (raise), a warning, or simply "no data" for a query.
import { GanetiError, OpExecError, OpPrereqError, type ErrorCode } from '../../common/errors.js';

export class RpcResult<T> {
  constructor(
    readonly node: string,            // node name
    readonly payload: T | null,
    readonly failMsg: string = '',
    readonly offline: boolean = false,
    readonly error: GanetiError | null = null,
  ) {}

  static ok<T>(node: string, payload: T): RpcResult<T> { return new RpcResult(node, payload); }
  static fail<T>(node: string, err: GanetiError | string): RpcResult<T> {
    const e = typeof err === 'string' ? new OpExecError(err) : err;
    return new RpcResult<T>(node, null, e.message, false, e);
  }
  static offlineNode<T>(node: string): RpcResult<T> {
    return new RpcResult<T>(node, null, 'Node is marked offline', true);
  }

  get failed(): boolean { return this.failMsg !== '' || this.payload === null; }

  /** The payload, or throws `msg: failMsg` (OpPrereqError when prereq is set, as Ganeti's Raise). */
  raise(msg: string, opts: { prereq?: boolean; ecode?: ErrorCode } = {}): T {
    if (!this.failed) return this.payload as T;
    const text = `${msg}: ${this.failMsg || 'no payload'}`;
    if (opts.prereq) throw new OpPrereqError(text, { ecode: opts.ecode ?? 'environment_error', cause: this.error });
    if (this.error && this.error.name !== 'GanetiError' && this.error.name !== 'OpExecError') {
      const Cls = this.error.constructor as new (m: string, o: object) => GanetiError;
      throw new Cls(text, { ecode: this.error.ecode, cause: this.error });
    }
    throw new OpExecError(text, { cause: this.error });
  }

  /** Reports a failure through `warn` and returns whether it failed. */
  warn(msg: string, warn: (m: string) => void): boolean {
    if (this.failed) warn(`${msg}: ${this.failMsg}`);
    return this.failed;
  }
}
