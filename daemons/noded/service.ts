// The NodeDaemon gRPC handlers, built from the service's method list in the generated
// descriptor and the backend table (backend/rpcs.ts): each method is wrapped the same way.
// The only place in noded where errors become gRPC statuses; no exception escapes into the
// server (grpc-server.ts).
import { encodeError, errorMapping, errorMetadataValue, ERROR_METADATA_KEY, GanetiError, ProgrammerError } from '../common/errors.js';
import { touchIdleGc } from '../common/idle-gc.js';
import type { Logger } from '../common/log.js';
import { serviceMethods } from '../common/rpc-methods.js';
import { authorize } from './authz.js';
import type { NodedContext } from './context.js';
import type { CallStatus, UnaryCallContext, UnaryMethod } from './grpc-server.js';
import { reattachInstances } from './backend/instance.js';
import { NODE_BACKEND } from './backend/rpcs.js';
import type { NodeMethod, RpcContext, ServiceHooks } from './backend/rpc-types.js';

type AnyRpc = (ctx: RpcContext, req: unknown, signal: AbortSignal) => Promise<unknown>;

/** Any thrown value as a gRPC status: the code from errorMapping(), details = the message,
 * and the whole encoded error (class, ecode, cause chain) in the `ganeti-error-bin` trailer. */
export function toCallStatus(err: unknown): CallStatus {
  const enc = encodeError(err);
  return { code: errorMapping({ name: enc.class, ecode: enc.ecode }).status, details: enc.message,
    binaryTrailers: { [ERROR_METADATA_KEY]: errorMetadataValue(enc) } };
}

/** Wraps one backend function: refuses callers whose role may not call it (authz.ts), runs
 * it with an AbortSignal that fires when the client cancels, the caller's certificate in
 * its context; errors are logged here and become a status in toCallStatus. */
function unary(name: string, fn: AnyRpc, ctx: NodedContext, hooks: ServiceHooks): UnaryMethod['handler'] {
  const log: Logger = ctx.logger;
  return async (request: unknown, call: UnaryCallContext) => {
    const started = performance.now();
    try {
      const peerCert = call.peerCert;
      authorize(ctx.paths, name, peerCert, request);
      const res = await fn({ ...ctx, hooks, ...(peerCert ? { peerCert } : {}) }, request, call.signal);
      log.debug(`${name} ok`, { ms: Math.round(performance.now() - started) });
      return res;
    } catch (err) {
      if (err instanceof GanetiError) log.warn(`${name} failed: ${err.name}: ${err.message}`);
      else log.error(`${name} failed unexpectedly: ${(err as Error)?.stack ?? String(err)}`);
      throw err;
    } finally {
      touchIdleGc();
    }
  };
}

export function createNodeDaemonHandlers(ctx: NodedContext, hooks: ServiceHooks): Map<string, UnaryMethod> {
  // Instances that kept running while noded was down (kvm: qemu is not our child) are picked
  // up again: their QMP connections reopened, guests that powered off meanwhile settled.
  reattachInstances(ctx).catch((err: unknown) => ctx.logger.error(`re-attach failed: ${String(err)}`));
  const backend = NODE_BACKEND as unknown as Record<string, AnyRpc>;
  const handlers = new Map<string, UnaryMethod>();
  for (const [name, m] of Object.entries(serviceMethods('NodeDaemon'))) {
    const fn = backend[name as NodeMethod];
    if (!fn) throw new ProgrammerError(`NodeDaemon method ${name} has no backend function (daemons/noded/backend/rpcs.ts)`);
    handlers.set(name, { requestType: m.requestType, responseType: m.responseType, handler: unary(name, fn, ctx, hooks) });
  }
  return handlers;
}
