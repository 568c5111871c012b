// gRPC adapters for NodeDaemon. The only place where errors become gRPC statuses: status
// from errorMapping(), details = message, metadata ganeti-error-class / ganeti-ecode, so the
// master's decodeServiceError() rebuilds the typed error. Every handler validates its request
// first and never lets an exception escape into grpc-js.
import * as grpc from '@grpc/grpc-js';
import { touchIdleGc } from '../common/idle-gc.js';
import { delay } from '../common/async.js';
import { encodeError, errorMapping, GanetiError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import type { NodeDaemonHandlers } from '../../proto/generated/ganeti/NodeDaemon.js';
import type { NodedContext } from './context.js';
import * as blockdev from './backend/blockdev.js';
import * as files from './backend/files.js';
import { isCredentialFile } from './backend/credentials.js';
import * as instance from './backend/instance.js';
import * as migration from './backend/migration.js';
import * as node from './backend/node.js';
import * as os from './backend/os.js';
import { checkInstance, hypervisorKind, hypervisorList, invalid, required, safeName } from './validate.js';

export interface ServiceHooks {
  /** Called after NodeLeaveCluster has answered: the daemon should shut down. */
  onLeaveCluster(): void;
  /** After a new server_cert or ca_cert was written: serve with it from the next connection on. */
  onCredentialsChanged?(): void;
}

/** Turns any thrown value into a grpc status with Ganeti's class and ecode in the metadata. */
export function toServiceError(err: unknown): Partial<grpc.StatusObject> {
  const enc = encodeError(err);
  const metadata = new grpc.Metadata();
  metadata.set('ganeti-error-class', enc.class);
  metadata.set('ganeti-ecode', enc.ecode);
  return { code: errorMapping({ name: enc.class, ecode: enc.ecode }).status, details: enc.message, metadata };
}

type Call<Req> = grpc.ServerUnaryCall<Req, unknown>;

/** Wraps a handler: runs it with an AbortSignal that fires when the client cancels, maps errors. */
function unary<Req, Res>(name: string, log: Logger, fn: (req: Req, signal: AbortSignal) => Promise<Res>):
  (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void {
  return (call, callback) => {
    const ac = new AbortController();
    (call as Call<Req>).on('cancelled', () => ac.abort(new Error(`${name} cancelled by the client`)));
    const started = performance.now();
    Promise.resolve()
      .then(() => fn(call.request, ac.signal))
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
  const log = ctx.logger;
  // Instances that kept running while noded was down (kvm: qemu is not our child) are picked
  // up again: their QMP connections reopened, guests that powered off meanwhile settled.
  instance.reattachInstances(ctx).catch((err: unknown) => log.error(`re-attach failed: ${String(err)}`));
  return {
    Version: unary('Version', log, async () => node.version()),

    NodeInfo: unary('NodeInfo', log, async (req) =>
      node.nodeInfo(ctx, hypervisorList(req.hypervisors, 'hypervisors'), req.storage_units)),

    NodeVerify: unary('NodeVerify', log, async (req) => node.nodeVerify(ctx, {
      hypervisors: hypervisorList(req.hypervisors, 'hypervisors'),
      fileChecksums: req.file_checksums,
      ssconfKeys: req.ssconf_keys,
    })),

    NodeLeaveCluster: (call, callback) => {
      unary('NodeLeaveCluster', log, async () => {
        await node.leaveCluster(ctx);
        // Answer first, then go: the master waits for this reply.
        setTimeout(() => hooks.onLeaveCluster(), 100).unref();
        return {};
      })(call, callback);
    },

    InstanceList: unary('InstanceList', log, async (req) =>
      ({ instances: await instance.instanceList(ctx, hypervisorList(req.hypervisors, 'hypervisors')) })),

    InstanceInfo: unary('InstanceInfo', log, async (req) => {
      safeName(req.name, 'name');
      const hvs = req.hypervisor ? [hypervisorKind(req.hypervisor, 'hypervisor')] : hypervisorList([], 'hypervisor');
      return instance.instanceInfo(ctx, req.name, hvs);
    }),

    InstanceStart: unary('InstanceStart', log, async (req, signal) => {
      const inst = checkInstance(req.instance, 'instance', { resources: true });
      // Disks first (sharedfile: the one-opener lease; ext: attach), as Ganeti's StartInstanceDisks.
      const assembled = await blockdev.assembleInstanceDisks(ctx, inst, signal);
      await instance.instanceStart(ctx, inst, assembled.map((p, i) => p || req.disk_paths[i] || ''), { paused: req.paused, signal });
      return {};
    }),

    InstanceShutdown: unary('InstanceShutdown', log, async (req, signal) => {
      const inst = checkInstance(req.instance, 'instance');
      hypervisorKind(inst.hypervisor, 'instance.hypervisor');
      await instance.instanceShutdown(ctx, inst, { force: req.force, timeoutMs: req.timeout_ms, signal });
      await blockdev.shutdownInstanceDisks(ctx, inst);   // releases sharedfile leases, detaches ext volumes
      return {};
    }),

    InstanceReboot: unary('InstanceReboot', log, async (req, signal) => {
      const inst = checkInstance(req.instance, 'instance', { resources: true });
      await instance.instanceReboot(ctx, inst, req.reboot_type,
        { shutdownTimeoutMs: req.shutdown_timeout_ms, diskPaths: req.disk_paths, signal });
      return {};
    }),

    InstanceOsAdd: unary('InstanceOsAdd', log, async (req, signal) => {
      const inst = checkInstance(req.instance, 'instance', { os: true });
      await blockdev.assembleInstanceDisks(ctx, inst, signal);
      const diskPaths = blockdev.diskAccessPaths(ctx, inst.disks, req.disk_paths);
      return os.instanceOsAdd(ctx.paths, { instance: inst, diskPaths, debug: req.debug, reinstall: req.reinstall }, { signal });
    }),

    InstanceOsRename: unary('InstanceOsRename', log, async (req, signal) => {
      const inst = checkInstance(req.instance, 'instance', { os: true });
      const oldName = safeName(req.old_name, 'old_name');
      await blockdev.assembleInstanceDisks(ctx, inst, signal);
      const diskPaths = blockdev.diskAccessPaths(ctx, inst.disks, req.disk_paths);
      return os.instanceOsRename(ctx.paths, { instance: inst, diskPaths, debug: 0, oldName }, { signal });
    }),

    BlockdevCreate: unary('BlockdevCreate', log, async (req, signal) => {
      const disk = required(req.disk, 'disk');
      required(disk.dev_type, 'disk.dev_type');
      safeName(req.instance_name, 'instance_name');
      return blockdev.blockdevCreate(ctx, disk, req.instance_name, req.file_storage_dir, req.shared_file_storage_dir, signal);
    }),

    BlockdevRemove: unary('BlockdevRemove', log, async (req) => {
      const disk = required(req.disk, 'disk');
      required(disk.dev_type, 'disk.dev_type');
      if (req.instance_name) safeName(req.instance_name, 'instance_name');
      await blockdev.blockdevRemove(ctx, disk, req.instance_name, req.file_storage_dir, req.shared_file_storage_dir);
      return {};
    }),

    BlockdevRename: unary('BlockdevRename', log, async (req) => {
      const disk = required(req.disk, 'disk');
      required(disk.dev_type, 'disk.dev_type');
      if (req.new_logical_id.length === 0) throw invalid("Missing required field 'new_logical_id'");
      return blockdev.blockdevRename(ctx, disk, req.new_logical_id, req.file_storage_dir);
    }),

    BlockdevAssemble: unary('BlockdevAssemble', log, async (req, signal) => {
      const disk = required(req.disk, 'disk');
      required(disk.dev_type, 'disk.dev_type');
      return { path: await blockdev.blockdevAssemble(ctx, disk, req, signal) };
    }),

    BlockdevShutdown: unary('BlockdevShutdown', log, async (req, signal) => {
      const disk = required(req.disk, 'disk');
      required(disk.dev_type, 'disk.dev_type');
      await blockdev.blockdevShutdown(ctx, disk, req, signal);
      return {};
    }),

    BlockdevGrow: unary('BlockdevGrow', log, async (req, signal) => {
      const disk = required(req.disk, 'disk');
      required(disk.dev_type, 'disk.dev_type');
      return { size: await blockdev.blockdevGrow(ctx, disk, Number(req.amount), req, signal) };
    }),

    BlockdevSnapshot: unary('BlockdevSnapshot', log, async (req, signal) => {
      const disk = required(req.disk, 'disk');
      required(disk.dev_type, 'disk.dev_type');
      return blockdev.blockdevSnapshot(ctx, disk, safeName(req.snap_name, 'snap_name'), req, signal);
    }),

    NodeVolumes: unary('NodeVolumes', log, async (req) => ({ volumes: await blockdev.nodeVolumes(ctx, req) })),

    StorageList: unary('StorageList', log, async (req) =>
      ({ units: await blockdev.storageList(ctx, required(req.storage_type, 'storage_type'), req) })),

    ExtStorageDiagnose: unary('ExtStorageDiagnose', log, async () => ({ providers: blockdev.extStorageDiagnose(ctx) })),

    OsDiagnose: unary('OsDiagnose', log, async () => ({ oses: os.diagnoseOses(ctx.paths) })),

    BlockdevResetOverlay: unary('BlockdevResetOverlay', log, async (req, signal) => {
      const disk = required(req.disk, 'disk');
      required(disk.dev_type, 'disk.dev_type');
      safeName(req.instance_name, 'instance_name');
      await blockdev.blockdevResetOverlay(ctx, disk, req, signal);
      return {};
    }),

    OsValidate: unary('OsValidate', log, async (req, signal) => {
      const name = safeName(req.os_name, 'os_name');
      if (name.startsWith('+')) throw invalid(`Invalid OS name '${name}' in field 'os_name'`);
      for (const k of Object.keys(req.osparams)) {
        if (!/^[A-Za-z0-9_.-]+$/.test(k)) throw invalid(`Invalid OS parameter name '${k}': use letters, digits, '_', '.' and '-'`);
      }
      return os.validateOs(ctx.paths, { osName: name, osparams: req.osparams, checks: req.checks, required: req.required }, { signal });
    }),

    UploadFile: (call, callback) => {
      unary('UploadFile', log, async (req: typeof call.request) => {
        required(req.file, 'file');
        // The uploader's own certificate: a CA bundle that did not sign it would lock it out.
        const peerCert = call.getAuthContext?.()?.sslPeerCertificate?.raw;
        await files.uploadFile(ctx, req.file, req.content, { peerCert });
        if (isCredentialFile(req.file)) hooks.onCredentialsChanged?.();
        return {};
      })(call, callback);
    },

    ReadClusterConfig: unary('ReadClusterConfig', log, async () => files.readClusterConfig(ctx)),

    WriteSsconfFiles: unary('WriteSsconfFiles', log, async (req) => {
      await files.writeSsconfFiles(ctx, req.values);
      return {};
    }),

    TestDelay: unary('TestDelay', log, async (req, signal) => {
      if (!Number.isFinite(req.duration) || req.duration < 0) {
        throw invalid(`Field 'duration' must be a non-negative number of seconds, got ${req.duration}`);
      }
      await delay(req.duration * 1000, signal);
      return {};
    }),

    // Live migration (backend/migration.ts).
    MigrationInfo: unary('MigrationInfo', log, async (req, signal) =>
      ({ info: await migration.migrationInfo(ctx, checkInstance(req.instance, 'instance', { resources: true }), signal) })),
    AcceptInstance: unary('AcceptInstance', log, async (req, signal) => {
      await migration.acceptInstance(ctx, checkInstance(req.instance, 'instance', { resources: true }), req.info,
        required(req.target || null, 'target'), req.disk_paths, signal);
      return {};
    }),
    InstanceMigrate: unary('InstanceMigrate', log, async (req, signal) => {
      await migration.instanceMigrate(ctx, checkInstance(req.instance, 'instance', { resources: true }), req.cluster_name,
        required(req.target || null, 'target'), req.live, signal);
      return {};
    }),
    InstanceGetMigrationStatus: unary('InstanceGetMigrationStatus', log, async (req, signal) => {
      const st = await migration.migrationStatus(ctx, checkInstance(req.instance, 'instance', { resources: true }), signal);
      return { status: st.status, transferred_ram: st.transferredRam ?? 0, total_ram: st.totalRam ?? 0, info: st.info ?? '' };
    }),
    InstanceFinalizeMigrationDst: unary('InstanceFinalizeMigrationDst', log, async (req, signal) => {
      await migration.finalizeMigrationDst(ctx, checkInstance(req.instance, 'instance', { resources: true }), req.info, req.success, signal);
      return {};
    }),
    InstanceFinalizeMigrationSrc: unary('InstanceFinalizeMigrationSrc', log, async (req, signal) => {
      await migration.finalizeMigrationSrc(ctx, checkInstance(req.instance, 'instance', { resources: true }), req.success, req.live, signal);
      return {};
    }),
  };
}
