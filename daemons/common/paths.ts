// Where every file of a node lives. One pure function of (GANETI_ROOTDIR, GANETI_HOSTNAME)
// so that one process (a test, the master) can hold paths for many virtual nodes.
// Rules follow Ganeti's lib/vcluster.py: both variables or neither; the root's last
// component equals the hostname; the cluster directory is the root's parent.
import { hostname as osHostname } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { ParameterError } from './errors.js';

export interface Paths {
  readonly nodeRoot: string;          // '' on a real node
  readonly clusterDir: string | null; // vcluster: DIR holding node1..nodeN; null on a real node
  readonly hostname: string;
  readonly confDir: string;
  readonly dataDir: string;
  readonly runDir: string;
  readonly logDir: string;
  readonly lockDir: string;
  readonly socketDir: string;
  readonly masterSocket: string;
  readonly queueDir: string;
  readonly queueArchiveDir: string;
  readonly clusterConfFile: string;
  readonly caCertFile: string;
  readonly caKeyFile: string;
  readonly serverCertFile: string;    // this node's certificate and key (PEM, both)
  readonly fakeHvDir: string;
  readonly fakeCapacityFile: string;
  readonly osSearchPath: readonly string[];
  /** Where `-I NAME` allocators are looked for (Ganeti's IALLOCATOR_SEARCH_PATH). */
  readonly iallocatorSearchPath: readonly string[];
  readonly defaultFileStorageDir: string;
  readonly hostsFile: string;
  readonly defaultsFile: string;      // etc/default/ganeti
  readonly watcherStateDir: string;
  readonly watcherPauseFile: string;  // Ganeti's lib/ganeti/watcher.pause: "<until epoch>\n"
  readonly rapiCertFile: string;      // the RAPI server's certificate and key (PEM, both)
  readonly rapiUsersFile: string;     // Ganeti's rapi/users
  ssconfFile(key: string): string;
  pidFile(daemon: string): string;
  logFile(daemon: string): string;
  /** Prefix an absolute node path with this node's root (identity on a real node). */
  local(path: string): string;
  /** Paths of another node of the same cluster (vcluster: DIR/<name>). */
  forNode(name: string): Paths;
}

export interface PathEnv {
  GANETI_ROOTDIR?: string | undefined;
  GANETI_HOSTNAME?: string | undefined;
}

export function resolvePaths(env: PathEnv = process.env, hostnameOverride?: string): Paths {
  const root = env.GANETI_ROOTDIR ?? '';
  const host = env.GANETI_HOSTNAME ?? '';
  if (!!root !== !!host) {
    throw new ParameterError(
      `GANETI_ROOTDIR and GANETI_HOSTNAME must be set together (ROOTDIR='${root}', HOSTNAME='${host}')`);
  }
  if (root) {
    if (!isAbsolute(root)) throw new ParameterError(`GANETI_ROOTDIR must be absolute, got '${root}'`);
    const clean = root.replace(/\/+$/, '');
    if (basename(clean) !== host) {
      throw new ParameterError(
        `GANETI_ROOTDIR '${root}' must end in the host name '${host}' (virtual cluster rule)`);
    }
    return build(clean, dirname(clean), hostnameOverride ?? host);
  }
  return build('', null, hostnameOverride ?? osHostname().split('.')[0]!);
}

function build(root: string, clusterDir: string | null, hostname: string): Paths {
  const p = (rel: string) => (root ? join(root, rel) : rel);
  const dataDir = p('/var/lib/ganeti');
  const runDir = p('/var/run/ganeti');
  const logDir = p('/var/log/ganeti');
  const confDir = p('/etc/ganeti');
  const socketDir = join(runDir, 'socket');
  const queueDir = join(dataDir, 'queue');
  return Object.freeze({
    nodeRoot: root,
    clusterDir,
    hostname,
    confDir,
    dataDir,
    runDir,
    logDir,
    lockDir: p('/var/lock'),
    socketDir,
    masterSocket: join(socketDir, 'ganeti-master'),
    queueDir,
    queueArchiveDir: join(queueDir, 'archive'),
    clusterConfFile: join(dataDir, 'config.data'),
    caCertFile: join(dataDir, 'cluster-ca.pem'),
    caKeyFile: join(dataDir, 'cluster-ca.key'),
    serverCertFile: join(dataDir, 'server.pem'),
    fakeHvDir: join(runDir, 'fake-hypervisor'),
    fakeCapacityFile: join(confDir, 'fake-node.json'),
    osSearchPath: [p('/srv/ganeti/os')],
    iallocatorSearchPath: [p('/usr/local/lib/ganeti/iallocators'), p('/usr/lib/ganeti/iallocators')],
    defaultFileStorageDir: p('/srv/ganeti/file-storage'),
    hostsFile: clusterDir ? join(clusterDir, 'hosts') : '/etc/hosts',
    defaultsFile: p('/etc/default/ganeti'),
    watcherStateDir: dataDir,
    watcherPauseFile: join(dataDir, 'watcher.pause'),
    rapiCertFile: join(dataDir, 'rapi.pem'),
    rapiUsersFile: join(dataDir, 'rapi', 'users'),
    ssconfFile: (key: string) => join(dataDir, `ssconf_${key}`),
    pidFile: (daemon: string) => join(runDir, `${daemon}.pid`),
    logFile: (daemon: string) => join(logDir, `${daemon}.log`),
    local: (path: string) => (root && isAbsolute(path) && !path.startsWith(root + '/') ? join(root, path) : path),
    forNode: (name: string) => (clusterDir ? build(join(clusterDir, name), clusterDir, name) : build('', null, name)),
  });
}
