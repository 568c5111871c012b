// A throw-away virtual node root under os.tmpdir() (DIR/node1, as vcluster-setup makes), and
// mutual-TLS material for a noded on 127.0.0.1:0.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { resolvePaths, type Paths } from '../../../../daemons/common/paths.js';
import { loadServices, CLIENT_OPTIONS } from '../../../../daemons/common/rpc.js';
import { certDigest } from '../../../../daemons/common/pem.js';
import { createCa, createNodeCert, joinPem, type KeyPairPem } from '../../../../daemons/common/tls.js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type { NodeDaemonClient, NodeDaemonDefinition } from '../../../../proto/generated/ganeti/NodeDaemon.js';

export interface TempNode {
  clusterDir: string;
  root: string;
  paths: Paths;
  cleanup(): void;
}

export function makeTempNode(hostname = 'node1'): TempNode {
  const clusterDir = mkdtempSync(join(tmpdir(), 'ganeti-ts-test-'));
  const root = join(clusterDir, hostname);
  mkdirSync(root, { recursive: true });
  const paths = resolvePaths({ GANETI_ROOTDIR: root, GANETI_HOSTNAME: hostname });
  return { clusterDir, root, paths, cleanup: () => rmSync(clusterDir, { recursive: true, force: true }) };
}

export function writeCapacity(paths: Paths, cap: Record<string, number>): void {
  mkdirSync(paths.confDir, { recursive: true });
  writeFileSync(paths.fakeCapacityFile, JSON.stringify(cap));
}

export interface ClusterTls { ca: KeyPairPem; node: KeyPairPem; client: KeyPairPem }

/** A CA, the node's server certificate (installed into the node) and a client (master)
 * certificate, which the node's ssconf names as the master's (noded/authz.ts). */
export async function installClusterTls(paths: Paths): Promise<ClusterTls> {
  const ca = await createCa('cluster');
  const node = await createNodeCert(ca, paths.hostname, ['127.0.0.1']);
  const client = await createNodeCert(ca, 'master', ['127.0.0.1']);
  mkdirSync(paths.dataDir, { recursive: true });
  writeFileSync(paths.serverCertFile, joinPem(node), { mode: 0o600 });
  writeFileSync(paths.caCertFile, ca.cert);
  writeFileSync(paths.ssconfFile('master_node'), 'master\n');
  writeFileSync(paths.ssconfFile('master_candidates_certs'), `master=${certDigest(client.cert)}\n`);
  return { ca, node, client };
}

export function nodeClient(port: number, caCert: string, client: KeyPairPem, serverName = 'node1', host = '127.0.0.1'): NodeDaemonClient {
  const creds = grpc.credentials.createSsl(Buffer.from(caCert), Buffer.from(client.key), Buffer.from(client.cert));
  const NodeDaemon = loadServices().ganeti.NodeDaemon;
  return new NodeDaemon(`${host}:${port}`, creds, { ...CLIENT_OPTIONS, 'grpc.ssl_target_name_override': serverName });
}

type Def = NodeDaemonDefinition;
// `any` in the positions we do not extract: MethodDefinition is invariant in them.
type ReqOf<K extends keyof Def> = Def[K] extends MethodDefinition<infer R, any, any, any> ? R : never;
type ResOf<K extends keyof Def> = Def[K] extends MethodDefinition<any, any, any, infer O> ? O : never;
type Unary = (req: unknown, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: unknown) => void) => unknown;

/** Promisified unary call by method name, typed from the generated service definition; 10 s deadline. */
export function call<K extends keyof Def & string>(client: NodeDaemonClient, method: K, req: ReqOf<K>): Promise<ResOf<K>> {
  const fn = (client as unknown as Record<string, Unary>)[method]!;
  return new Promise((resolve, reject) => {
    fn.call(client, req, { deadline: new Date(Date.now() + 10_000) }, (err, res) => (err ? reject(err) : resolve(res as ResOf<K>)));
  });
}
