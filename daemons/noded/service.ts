// The NodeDaemon gRPC handlers, built from the service's method list in the generated
// descriptor and the backend table (backend/rpcs.ts): each method is wrapped the same way.
// The only place in noded where errors become gRPC statuses (common/rpc.ts toServiceError);
// no exception escapes into grpc-js.
import type * as grpc from '@grpc/grpc-js';
import { GanetiError, ProgrammerError } from '../common/errors.js';
import { touchIdleGc } from '../common/idle-gc.js';
import type { Logger } from '../common/log.js';
import { serviceMethods, toServiceError } from '../common/rpc.js';
import type { NodeDaemonHandlers } from '../../proto/generated/ganeti/NodeDaemon.js';
import { authorize } from './authz.js';
import type { NodedContext } from './context.js';
import { reattachInstances } from './backend/instance.js';
import { NODE_BACKEND } from './backend/rpcs.js';
import type { NodeMethod, RpcContext, ServiceHooks } from './backend/rpc-types.js';

type AnyRpc = (ctx: RpcContext, req: unknown, signal: AbortSignal) => Promise<unknown>;

/** Wraps one backend function: refuses callers whose role may not call it (authz.ts), runs
 * it with an AbortSignal that fires when the client cancels, the caller's certificate in
 * its context, errors mapped to a status. */
function unary(name: string, fn: AnyRpc, ctx: NodedContext, hooks: ServiceHooks): grpc.handleUnaryCall<unknown, unknown> {
  const log: Logger = ctx.logger;
  return (call, callback) => {
    const ac = new AbortController();
    call.on('cancelled', () => ac.abort(new Error(`${name} cancelled by the client`)));
    const started = performance.now();
    Promise.resolve()
      .then(() => {
        const peerCert = call.getAuthContext?.()?.sslPeerCertificate?.raw;
        authorize(ctx.paths, name, peerCert, call.request);
        return fn({ ...ctx, hooks, ...(peerCert ? { peerCert } : {}) }, call.request, ac.signal);
      })
      .then((res) => {
        log.debug(`${name} ok`, { ms: Math.round(performance.now() - started) });
        callback(null, res);
      }, (err: unknown) => {
        if (err instanceof GanetiError) log.warn(`${name} failed: ${err.name}: ${err.message}`);
        else log.error(`${name} failed unexpectedly: ${(err as Error)?.stack ?? String(err)}`);
        callback(toServiceError(err));
      })
      .catch((err: unknown) => log.error(`${name}: cannot send the reply: ${String(err)}`))
      .finally(touchIdleGc);
  };
}

export function createNodeDaemonHandlers(ctx: NodedContext, hooks: ServiceHooks): NodeDaemonHandlers {
  // Instances that kept running while noded was down (kvm: qemu is not our child) are picked
  // up again: their QMP connections reopened, guests that powered off meanwhile settled.
  reattachInstances(ctx).catch((err: unknown) => ctx.logger.error(`re-attach failed: ${String(err)}`));
  const backend = NODE_BACKEND as unknown as Record<string, AnyRpc>;
  const handlers: Record<string, grpc.handleUnaryCall<unknown, unknown>> = {};
  for (const name of Object.keys(serviceMethods('NodeDaemon'))) {
    const fn = backend[name as NodeMethod];
    if (!fn) throw new ProgrammerError(`NodeDaemon method ${name} has no backend function (daemons/noded/backend/rpcs.ts)`);
    handlers[name] = unary(name, fn, ctx, hooks);
  }
  return handlers as unknown as NodeDaemonHandlers;
}
