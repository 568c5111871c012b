// The shape of a node RPC's backend function, derived from the generated NodeDaemon service
// definition: the request as grpc-js decodes it, the response as it encodes it.
import type { MethodDefinition } from '@grpc/proto-loader';
import type { NodeMethodDefs as Methods } from '../../common/rpc.js';
import type { NodedContext } from '../context.js';

export type NodeMethod = keyof Methods & string;
export type RpcRequest<M extends NodeMethod> = Methods[M] extends MethodDefinition<infer _RqIn, infer _RsIn, infer Req, infer _RsOut> ? Req : never;
export type RpcResponse<M extends NodeMethod> = Methods[M] extends MethodDefinition<infer _RqIn, infer Res, infer _RqOut, infer _RsOut> ? Res : never;

/** What the daemon asks of its host process (main.ts / server.ts). */
export interface ServiceHooks {
  /** Called after NodeLeaveCluster has answered: the daemon should shut down. */
  onLeaveCluster(): void;
  /** After a new server_cert or ca_cert was written: serve with it from the next connection on. */
  onCredentialsChanged?(): void;
}

/** What every backend function gets besides its request: the node, the hooks, the caller. */
export interface RpcContext extends NodedContext {
  readonly hooks: ServiceHooks;
  /** The calling peer's certificate (DER), when the transport has one. */
  readonly peerCert?: Buffer;
}

export type RpcFunction<M extends NodeMethod> = (ctx: RpcContext, req: RpcRequest<M>, signal: AbortSignal) => Promise<RpcResponse<M>>;

/** One backend function per NodeDaemon method; the compiler names any that is missing. */
export type NodeBackend = { [M in NodeMethod]: RpcFunction<M> };
