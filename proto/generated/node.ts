import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcceptInstanceRequest as _ganeti_AcceptInstanceRequest, AcceptInstanceRequest__Output as _ganeti_AcceptInstanceRequest__Output } from './ganeti/AcceptInstanceRequest.js';
import type { BlockdevAssembleResponse as _ganeti_BlockdevAssembleResponse, BlockdevAssembleResponse__Output as _ganeti_BlockdevAssembleResponse__Output } from './ganeti/BlockdevAssembleResponse.js';
import type { BlockdevCreateResponse as _ganeti_BlockdevCreateResponse, BlockdevCreateResponse__Output as _ganeti_BlockdevCreateResponse__Output } from './ganeti/BlockdevCreateResponse.js';
import type { BlockdevDimensionsResponse as _ganeti_BlockdevDimensionsResponse, BlockdevDimensionsResponse__Output as _ganeti_BlockdevDimensionsResponse__Output } from './ganeti/BlockdevDimensionsResponse.js';
import type { BlockdevGrowRequest as _ganeti_BlockdevGrowRequest, BlockdevGrowRequest__Output as _ganeti_BlockdevGrowRequest__Output } from './ganeti/BlockdevGrowRequest.js';
import type { BlockdevGrowResponse as _ganeti_BlockdevGrowResponse, BlockdevGrowResponse__Output as _ganeti_BlockdevGrowResponse__Output } from './ganeti/BlockdevGrowResponse.js';
import type { BlockdevRenameRequest as _ganeti_BlockdevRenameRequest, BlockdevRenameRequest__Output as _ganeti_BlockdevRenameRequest__Output } from './ganeti/BlockdevRenameRequest.js';
import type { BlockdevRequest as _ganeti_BlockdevRequest, BlockdevRequest__Output as _ganeti_BlockdevRequest__Output } from './ganeti/BlockdevRequest.js';
import type { BlockdevRevertRequest as _ganeti_BlockdevRevertRequest, BlockdevRevertRequest__Output as _ganeti_BlockdevRevertRequest__Output } from './ganeti/BlockdevRevertRequest.js';
import type { BlockdevSaveAsRequest as _ganeti_BlockdevSaveAsRequest, BlockdevSaveAsRequest__Output as _ganeti_BlockdevSaveAsRequest__Output } from './ganeti/BlockdevSaveAsRequest.js';
import type { BlockdevSnapshotRequest as _ganeti_BlockdevSnapshotRequest, BlockdevSnapshotRequest__Output as _ganeti_BlockdevSnapshotRequest__Output } from './ganeti/BlockdevSnapshotRequest.js';
import type { ClusterConfigFile as _ganeti_ClusterConfigFile, ClusterConfigFile__Output as _ganeti_ClusterConfigFile__Output } from './ganeti/ClusterConfigFile.js';
import type { ConfigDeltasRequest as _ganeti_ConfigDeltasRequest, ConfigDeltasRequest__Output as _ganeti_ConfigDeltasRequest__Output } from './ganeti/ConfigDeltasRequest.js';
import type { ConfigDeltasResponse as _ganeti_ConfigDeltasResponse, ConfigDeltasResponse__Output as _ganeti_ConfigDeltasResponse__Output } from './ganeti/ConfigDeltasResponse.js';
import type { CopyFileRequest as _ganeti_CopyFileRequest, CopyFileRequest__Output as _ganeti_CopyFileRequest__Output } from './ganeti/CopyFileRequest.js';
import type { Disk as _ganeti_Disk, Disk__Output as _ganeti_Disk__Output } from './ganeti/Disk.js';
import type { Empty as _ganeti_Empty, Empty__Output as _ganeti_Empty__Output } from './ganeti/Empty.js';
import type { EncodedError as _ganeti_EncodedError, EncodedError__Output as _ganeti_EncodedError__Output } from './ganeti/EncodedError.js';
import type { ExportChunkRequest as _ganeti_ExportChunkRequest, ExportChunkRequest__Output as _ganeti_ExportChunkRequest__Output } from './ganeti/ExportChunkRequest.js';
import type { ExportChunkResponse as _ganeti_ExportChunkResponse, ExportChunkResponse__Output as _ganeti_ExportChunkResponse__Output } from './ganeti/ExportChunkResponse.js';
import type { ExportFile as _ganeti_ExportFile, ExportFile__Output as _ganeti_ExportFile__Output } from './ganeti/ExportFile.js';
import type { ExportFinalizeRequest as _ganeti_ExportFinalizeRequest, ExportFinalizeRequest__Output as _ganeti_ExportFinalizeRequest__Output } from './ganeti/ExportFinalizeRequest.js';
import type { ExportGrantRequest as _ganeti_ExportGrantRequest, ExportGrantRequest__Output as _ganeti_ExportGrantRequest__Output } from './ganeti/ExportGrantRequest.js';
import type { ExportInfoResponse as _ganeti_ExportInfoResponse, ExportInfoResponse__Output as _ganeti_ExportInfoResponse__Output } from './ganeti/ExportInfoResponse.js';
import type { ExportListResponse as _ganeti_ExportListResponse, ExportListResponse__Output as _ganeti_ExportListResponse__Output } from './ganeti/ExportListResponse.js';
import type { ExportNameRequest as _ganeti_ExportNameRequest, ExportNameRequest__Output as _ganeti_ExportNameRequest__Output } from './ganeti/ExportNameRequest.js';
import type { ExportPrepareRequest as _ganeti_ExportPrepareRequest, ExportPrepareRequest__Output as _ganeti_ExportPrepareRequest__Output } from './ganeti/ExportPrepareRequest.js';
import type { ExportPrepareResponse as _ganeti_ExportPrepareResponse, ExportPrepareResponse__Output as _ganeti_ExportPrepareResponse__Output } from './ganeti/ExportPrepareResponse.js';
import type { ExportPullRequest as _ganeti_ExportPullRequest, ExportPullRequest__Output as _ganeti_ExportPullRequest__Output } from './ganeti/ExportPullRequest.js';
import type { ExtProviderInfo as _ganeti_ExtProviderInfo, ExtProviderInfo__Output as _ganeti_ExtProviderInfo__Output } from './ganeti/ExtProviderInfo.js';
import type { ExtStorageDiagnoseResponse as _ganeti_ExtStorageDiagnoseResponse, ExtStorageDiagnoseResponse__Output as _ganeti_ExtStorageDiagnoseResponse__Output } from './ganeti/ExtStorageDiagnoseResponse.js';
import type { FinalizeMigrationRequest as _ganeti_FinalizeMigrationRequest, FinalizeMigrationRequest__Output as _ganeti_FinalizeMigrationRequest__Output } from './ganeti/FinalizeMigrationRequest.js';
import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from './ganeti/Instance.js';
import type { InstanceInfoRequest as _ganeti_InstanceInfoRequest, InstanceInfoRequest__Output as _ganeti_InstanceInfoRequest__Output } from './ganeti/InstanceInfoRequest.js';
import type { InstanceLifecycleRequest as _ganeti_InstanceLifecycleRequest, InstanceLifecycleRequest__Output as _ganeti_InstanceLifecycleRequest__Output } from './ganeti/InstanceLifecycleRequest.js';
import type { InstanceListRequest as _ganeti_InstanceListRequest, InstanceListRequest__Output as _ganeti_InstanceListRequest__Output } from './ganeti/InstanceListRequest.js';
import type { InstanceListResponse as _ganeti_InstanceListResponse, InstanceListResponse__Output as _ganeti_InstanceListResponse__Output } from './ganeti/InstanceListResponse.js';
import type { InstanceListTaggedRequest as _ganeti_InstanceListTaggedRequest, InstanceListTaggedRequest__Output as _ganeti_InstanceListTaggedRequest__Output } from './ganeti/InstanceListTaggedRequest.js';
import type { InstanceListTaggedResponse as _ganeti_InstanceListTaggedResponse, InstanceListTaggedResponse__Output as _ganeti_InstanceListTaggedResponse__Output } from './ganeti/InstanceListTaggedResponse.js';
import type { InstanceMigrateRequest as _ganeti_InstanceMigrateRequest, InstanceMigrateRequest__Output as _ganeti_InstanceMigrateRequest__Output } from './ganeti/InstanceMigrateRequest.js';
import type { InstanceOsRenameRequest as _ganeti_InstanceOsRenameRequest, InstanceOsRenameRequest__Output as _ganeti_InstanceOsRenameRequest__Output } from './ganeti/InstanceOsRenameRequest.js';
import type { InstanceOsRequest as _ganeti_InstanceOsRequest, InstanceOsRequest__Output as _ganeti_InstanceOsRequest__Output } from './ganeti/InstanceOsRequest.js';
import type { InstanceRebootRequest as _ganeti_InstanceRebootRequest, InstanceRebootRequest__Output as _ganeti_InstanceRebootRequest__Output } from './ganeti/InstanceRebootRequest.js';
import type { InstanceRuntime as _ganeti_InstanceRuntime, InstanceRuntime__Output as _ganeti_InstanceRuntime__Output } from './ganeti/InstanceRuntime.js';
import type { InstanceShutdownRequest as _ganeti_InstanceShutdownRequest, InstanceShutdownRequest__Output as _ganeti_InstanceShutdownRequest__Output } from './ganeti/InstanceShutdownRequest.js';
import type { InstanceSnapshotRequest as _ganeti_InstanceSnapshotRequest, InstanceSnapshotRequest__Output as _ganeti_InstanceSnapshotRequest__Output } from './ganeti/InstanceSnapshotRequest.js';
import type { InstanceSnapshotResponse as _ganeti_InstanceSnapshotResponse, InstanceSnapshotResponse__Output as _ganeti_InstanceSnapshotResponse__Output } from './ganeti/InstanceSnapshotResponse.js';
import type { InstanceStartRequest as _ganeti_InstanceStartRequest, InstanceStartRequest__Output as _ganeti_InstanceStartRequest__Output } from './ganeti/InstanceStartRequest.js';
import type { JobQueueFile as _ganeti_JobQueueFile, JobQueueFile__Output as _ganeti_JobQueueFile__Output } from './ganeti/JobQueueFile.js';
import type { JobQueueFiles as _ganeti_JobQueueFiles, JobQueueFiles__Output as _ganeti_JobQueueFiles__Output } from './ganeti/JobQueueFiles.js';
import type { JobQueueUpdateRequest as _ganeti_JobQueueUpdateRequest, JobQueueUpdateRequest__Output as _ganeti_JobQueueUpdateRequest__Output } from './ganeti/JobQueueUpdateRequest.js';
import type { JobQueueUpdateResponse as _ganeti_JobQueueUpdateResponse, JobQueueUpdateResponse__Output as _ganeti_JobQueueUpdateResponse__Output } from './ganeti/JobQueueUpdateResponse.js';
import type { MasterInfoResponse as _ganeti_MasterInfoResponse, MasterInfoResponse__Output as _ganeti_MasterInfoResponse__Output } from './ganeti/MasterInfoResponse.js';
import type { MasterIpRequest as _ganeti_MasterIpRequest, MasterIpRequest__Output as _ganeti_MasterIpRequest__Output } from './ganeti/MasterIpRequest.js';
import type { MigrationInfoResponse as _ganeti_MigrationInfoResponse, MigrationInfoResponse__Output as _ganeti_MigrationInfoResponse__Output } from './ganeti/MigrationInfoResponse.js';
import type { MigrationRequest as _ganeti_MigrationRequest, MigrationRequest__Output as _ganeti_MigrationRequest__Output } from './ganeti/MigrationRequest.js';
import type { MigrationStatusResponse as _ganeti_MigrationStatusResponse, MigrationStatusResponse__Output as _ganeti_MigrationStatusResponse__Output } from './ganeti/MigrationStatusResponse.js';
import type { Nic as _ganeti_Nic, Nic__Output as _ganeti_Nic__Output } from './ganeti/Nic.js';
import type { NodeDaemonClient as _ganeti_NodeDaemonClient, NodeDaemonDefinition as _ganeti_NodeDaemonDefinition } from './ganeti/NodeDaemon.js';
import type { NodeInfoRequest as _ganeti_NodeInfoRequest, NodeInfoRequest__Output as _ganeti_NodeInfoRequest__Output } from './ganeti/NodeInfoRequest.js';
import type { NodeInfoResponse as _ganeti_NodeInfoResponse, NodeInfoResponse__Output as _ganeti_NodeInfoResponse__Output } from './ganeti/NodeInfoResponse.js';
import type { NodeVerifyRequest as _ganeti_NodeVerifyRequest, NodeVerifyRequest__Output as _ganeti_NodeVerifyRequest__Output } from './ganeti/NodeVerifyRequest.js';
import type { NodeVerifyResponse as _ganeti_NodeVerifyResponse, NodeVerifyResponse__Output as _ganeti_NodeVerifyResponse__Output } from './ganeti/NodeVerifyResponse.js';
import type { NodeVolumesRequest as _ganeti_NodeVolumesRequest, NodeVolumesRequest__Output as _ganeti_NodeVolumesRequest__Output } from './ganeti/NodeVolumesRequest.js';
import type { NodeVolumesResponse as _ganeti_NodeVolumesResponse, NodeVolumesResponse__Output as _ganeti_NodeVolumesResponse__Output } from './ganeti/NodeVolumesResponse.js';
import type { OsDiagnoseResponse as _ganeti_OsDiagnoseResponse, OsDiagnoseResponse__Output as _ganeti_OsDiagnoseResponse__Output } from './ganeti/OsDiagnoseResponse.js';
import type { OsInfo as _ganeti_OsInfo, OsInfo__Output as _ganeti_OsInfo__Output } from './ganeti/OsInfo.js';
import type { OsScriptResult as _ganeti_OsScriptResult, OsScriptResult__Output as _ganeti_OsScriptResult__Output } from './ganeti/OsScriptResult.js';
import type { OsValidateRequest as _ganeti_OsValidateRequest, OsValidateRequest__Output as _ganeti_OsValidateRequest__Output } from './ganeti/OsValidateRequest.js';
import type { OsValidateResponse as _ganeti_OsValidateResponse, OsValidateResponse__Output as _ganeti_OsValidateResponse__Output } from './ganeti/OsValidateResponse.js';
import type { RestrictedCommandRequest as _ganeti_RestrictedCommandRequest, RestrictedCommandRequest__Output as _ganeti_RestrictedCommandRequest__Output } from './ganeti/RestrictedCommandRequest.js';
import type { RestrictedCommandResponse as _ganeti_RestrictedCommandResponse, RestrictedCommandResponse__Output as _ganeti_RestrictedCommandResponse__Output } from './ganeti/RestrictedCommandResponse.js';
import type { RunCommandRequest as _ganeti_RunCommandRequest, RunCommandRequest__Output as _ganeti_RunCommandRequest__Output } from './ganeti/RunCommandRequest.js';
import type { RunCommandResponse as _ganeti_RunCommandResponse, RunCommandResponse__Output as _ganeti_RunCommandResponse__Output } from './ganeti/RunCommandResponse.js';
import type { RunOobRequest as _ganeti_RunOobRequest, RunOobRequest__Output as _ganeti_RunOobRequest__Output } from './ganeti/RunOobRequest.js';
import type { RunOobResponse as _ganeti_RunOobResponse, RunOobResponse__Output as _ganeti_RunOobResponse__Output } from './ganeti/RunOobResponse.js';
import type { StorageInfo as _ganeti_StorageInfo, StorageInfo__Output as _ganeti_StorageInfo__Output } from './ganeti/StorageInfo.js';
import type { StorageListRequest as _ganeti_StorageListRequest, StorageListRequest__Output as _ganeti_StorageListRequest__Output } from './ganeti/StorageListRequest.js';
import type { StorageListResponse as _ganeti_StorageListResponse, StorageListResponse__Output as _ganeti_StorageListResponse__Output } from './ganeti/StorageListResponse.js';
import type { StorageUnit as _ganeti_StorageUnit, StorageUnit__Output as _ganeti_StorageUnit__Output } from './ganeti/StorageUnit.js';
import type { TestDelayRequest as _ganeti_TestDelayRequest, TestDelayRequest__Output as _ganeti_TestDelayRequest__Output } from './ganeti/TestDelayRequest.js';
import type { UploadFileRequest as _ganeti_UploadFileRequest, UploadFileRequest__Output as _ganeti_UploadFileRequest__Output } from './ganeti/UploadFileRequest.js';
import type { VersionResponse as _ganeti_VersionResponse, VersionResponse__Output as _ganeti_VersionResponse__Output } from './ganeti/VersionResponse.js';
import type { Volume as _ganeti_Volume, Volume__Output as _ganeti_Volume__Output } from './ganeti/Volume.js';
import type { WriteSsconfRequest as _ganeti_WriteSsconfRequest, WriteSsconfRequest__Output as _ganeti_WriteSsconfRequest__Output } from './ganeti/WriteSsconfRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ganeti: {
    AcceptInstanceRequest: MessageTypeDefinition<_ganeti_AcceptInstanceRequest, _ganeti_AcceptInstanceRequest__Output>
    BlockdevAssembleResponse: MessageTypeDefinition<_ganeti_BlockdevAssembleResponse, _ganeti_BlockdevAssembleResponse__Output>
    BlockdevCreateResponse: MessageTypeDefinition<_ganeti_BlockdevCreateResponse, _ganeti_BlockdevCreateResponse__Output>
    BlockdevDimensionsResponse: MessageTypeDefinition<_ganeti_BlockdevDimensionsResponse, _ganeti_BlockdevDimensionsResponse__Output>
    BlockdevGrowRequest: MessageTypeDefinition<_ganeti_BlockdevGrowRequest, _ganeti_BlockdevGrowRequest__Output>
    BlockdevGrowResponse: MessageTypeDefinition<_ganeti_BlockdevGrowResponse, _ganeti_BlockdevGrowResponse__Output>
    BlockdevRenameRequest: MessageTypeDefinition<_ganeti_BlockdevRenameRequest, _ganeti_BlockdevRenameRequest__Output>
    BlockdevRequest: MessageTypeDefinition<_ganeti_BlockdevRequest, _ganeti_BlockdevRequest__Output>
    BlockdevRevertRequest: MessageTypeDefinition<_ganeti_BlockdevRevertRequest, _ganeti_BlockdevRevertRequest__Output>
    BlockdevSaveAsRequest: MessageTypeDefinition<_ganeti_BlockdevSaveAsRequest, _ganeti_BlockdevSaveAsRequest__Output>
    BlockdevSnapshotRequest: MessageTypeDefinition<_ganeti_BlockdevSnapshotRequest, _ganeti_BlockdevSnapshotRequest__Output>
    ClusterConfigFile: MessageTypeDefinition<_ganeti_ClusterConfigFile, _ganeti_ClusterConfigFile__Output>
    ConfigDeltasRequest: MessageTypeDefinition<_ganeti_ConfigDeltasRequest, _ganeti_ConfigDeltasRequest__Output>
    ConfigDeltasResponse: MessageTypeDefinition<_ganeti_ConfigDeltasResponse, _ganeti_ConfigDeltasResponse__Output>
    CopyFileRequest: MessageTypeDefinition<_ganeti_CopyFileRequest, _ganeti_CopyFileRequest__Output>
    Disk: MessageTypeDefinition<_ganeti_Disk, _ganeti_Disk__Output>
    Empty: MessageTypeDefinition<_ganeti_Empty, _ganeti_Empty__Output>
    EncodedError: MessageTypeDefinition<_ganeti_EncodedError, _ganeti_EncodedError__Output>
    ExportChunkRequest: MessageTypeDefinition<_ganeti_ExportChunkRequest, _ganeti_ExportChunkRequest__Output>
    ExportChunkResponse: MessageTypeDefinition<_ganeti_ExportChunkResponse, _ganeti_ExportChunkResponse__Output>
    ExportFile: MessageTypeDefinition<_ganeti_ExportFile, _ganeti_ExportFile__Output>
    ExportFinalizeRequest: MessageTypeDefinition<_ganeti_ExportFinalizeRequest, _ganeti_ExportFinalizeRequest__Output>
    ExportGrantRequest: MessageTypeDefinition<_ganeti_ExportGrantRequest, _ganeti_ExportGrantRequest__Output>
    ExportInfoResponse: MessageTypeDefinition<_ganeti_ExportInfoResponse, _ganeti_ExportInfoResponse__Output>
    ExportListResponse: MessageTypeDefinition<_ganeti_ExportListResponse, _ganeti_ExportListResponse__Output>
    ExportNameRequest: MessageTypeDefinition<_ganeti_ExportNameRequest, _ganeti_ExportNameRequest__Output>
    ExportPrepareRequest: MessageTypeDefinition<_ganeti_ExportPrepareRequest, _ganeti_ExportPrepareRequest__Output>
    ExportPrepareResponse: MessageTypeDefinition<_ganeti_ExportPrepareResponse, _ganeti_ExportPrepareResponse__Output>
    ExportPullRequest: MessageTypeDefinition<_ganeti_ExportPullRequest, _ganeti_ExportPullRequest__Output>
    ExtProviderInfo: MessageTypeDefinition<_ganeti_ExtProviderInfo, _ganeti_ExtProviderInfo__Output>
    ExtStorageDiagnoseResponse: MessageTypeDefinition<_ganeti_ExtStorageDiagnoseResponse, _ganeti_ExtStorageDiagnoseResponse__Output>
    FinalizeMigrationRequest: MessageTypeDefinition<_ganeti_FinalizeMigrationRequest, _ganeti_FinalizeMigrationRequest__Output>
    Instance: MessageTypeDefinition<_ganeti_Instance, _ganeti_Instance__Output>
    InstanceInfoRequest: MessageTypeDefinition<_ganeti_InstanceInfoRequest, _ganeti_InstanceInfoRequest__Output>
    InstanceLifecycleRequest: MessageTypeDefinition<_ganeti_InstanceLifecycleRequest, _ganeti_InstanceLifecycleRequest__Output>
    InstanceListRequest: MessageTypeDefinition<_ganeti_InstanceListRequest, _ganeti_InstanceListRequest__Output>
    InstanceListResponse: MessageTypeDefinition<_ganeti_InstanceListResponse, _ganeti_InstanceListResponse__Output>
    InstanceListTaggedRequest: MessageTypeDefinition<_ganeti_InstanceListTaggedRequest, _ganeti_InstanceListTaggedRequest__Output>
    InstanceListTaggedResponse: MessageTypeDefinition<_ganeti_InstanceListTaggedResponse, _ganeti_InstanceListTaggedResponse__Output>
    InstanceMigrateRequest: MessageTypeDefinition<_ganeti_InstanceMigrateRequest, _ganeti_InstanceMigrateRequest__Output>
    InstanceOsRenameRequest: MessageTypeDefinition<_ganeti_InstanceOsRenameRequest, _ganeti_InstanceOsRenameRequest__Output>
    InstanceOsRequest: MessageTypeDefinition<_ganeti_InstanceOsRequest, _ganeti_InstanceOsRequest__Output>
    InstanceRebootRequest: MessageTypeDefinition<_ganeti_InstanceRebootRequest, _ganeti_InstanceRebootRequest__Output>
    InstanceRuntime: MessageTypeDefinition<_ganeti_InstanceRuntime, _ganeti_InstanceRuntime__Output>
    InstanceShutdownRequest: MessageTypeDefinition<_ganeti_InstanceShutdownRequest, _ganeti_InstanceShutdownRequest__Output>
    InstanceSnapshotRequest: MessageTypeDefinition<_ganeti_InstanceSnapshotRequest, _ganeti_InstanceSnapshotRequest__Output>
    InstanceSnapshotResponse: MessageTypeDefinition<_ganeti_InstanceSnapshotResponse, _ganeti_InstanceSnapshotResponse__Output>
    InstanceStartRequest: MessageTypeDefinition<_ganeti_InstanceStartRequest, _ganeti_InstanceStartRequest__Output>
    JobQueueFile: MessageTypeDefinition<_ganeti_JobQueueFile, _ganeti_JobQueueFile__Output>
    JobQueueFiles: MessageTypeDefinition<_ganeti_JobQueueFiles, _ganeti_JobQueueFiles__Output>
    JobQueueUpdateRequest: MessageTypeDefinition<_ganeti_JobQueueUpdateRequest, _ganeti_JobQueueUpdateRequest__Output>
    JobQueueUpdateResponse: MessageTypeDefinition<_ganeti_JobQueueUpdateResponse, _ganeti_JobQueueUpdateResponse__Output>
    MasterInfoResponse: MessageTypeDefinition<_ganeti_MasterInfoResponse, _ganeti_MasterInfoResponse__Output>
    MasterIpRequest: MessageTypeDefinition<_ganeti_MasterIpRequest, _ganeti_MasterIpRequest__Output>
    MigrationInfoResponse: MessageTypeDefinition<_ganeti_MigrationInfoResponse, _ganeti_MigrationInfoResponse__Output>
    MigrationRequest: MessageTypeDefinition<_ganeti_MigrationRequest, _ganeti_MigrationRequest__Output>
    MigrationStatusResponse: MessageTypeDefinition<_ganeti_MigrationStatusResponse, _ganeti_MigrationStatusResponse__Output>
    Nic: MessageTypeDefinition<_ganeti_Nic, _ganeti_Nic__Output>
    NodeDaemon: SubtypeConstructor<typeof grpc.Client, _ganeti_NodeDaemonClient> & { service: _ganeti_NodeDaemonDefinition }
    NodeInfoRequest: MessageTypeDefinition<_ganeti_NodeInfoRequest, _ganeti_NodeInfoRequest__Output>
    NodeInfoResponse: MessageTypeDefinition<_ganeti_NodeInfoResponse, _ganeti_NodeInfoResponse__Output>
    NodeVerifyRequest: MessageTypeDefinition<_ganeti_NodeVerifyRequest, _ganeti_NodeVerifyRequest__Output>
    NodeVerifyResponse: MessageTypeDefinition<_ganeti_NodeVerifyResponse, _ganeti_NodeVerifyResponse__Output>
    NodeVolumesRequest: MessageTypeDefinition<_ganeti_NodeVolumesRequest, _ganeti_NodeVolumesRequest__Output>
    NodeVolumesResponse: MessageTypeDefinition<_ganeti_NodeVolumesResponse, _ganeti_NodeVolumesResponse__Output>
    OsDiagnoseResponse: MessageTypeDefinition<_ganeti_OsDiagnoseResponse, _ganeti_OsDiagnoseResponse__Output>
    OsInfo: MessageTypeDefinition<_ganeti_OsInfo, _ganeti_OsInfo__Output>
    OsScriptResult: MessageTypeDefinition<_ganeti_OsScriptResult, _ganeti_OsScriptResult__Output>
    OsValidateRequest: MessageTypeDefinition<_ganeti_OsValidateRequest, _ganeti_OsValidateRequest__Output>
    OsValidateResponse: MessageTypeDefinition<_ganeti_OsValidateResponse, _ganeti_OsValidateResponse__Output>
    RestrictedCommandRequest: MessageTypeDefinition<_ganeti_RestrictedCommandRequest, _ganeti_RestrictedCommandRequest__Output>
    RestrictedCommandResponse: MessageTypeDefinition<_ganeti_RestrictedCommandResponse, _ganeti_RestrictedCommandResponse__Output>
    RpcTimeout: EnumTypeDefinition
    RunCommandRequest: MessageTypeDefinition<_ganeti_RunCommandRequest, _ganeti_RunCommandRequest__Output>
    RunCommandResponse: MessageTypeDefinition<_ganeti_RunCommandResponse, _ganeti_RunCommandResponse__Output>
    RunOobRequest: MessageTypeDefinition<_ganeti_RunOobRequest, _ganeti_RunOobRequest__Output>
    RunOobResponse: MessageTypeDefinition<_ganeti_RunOobResponse, _ganeti_RunOobResponse__Output>
    StorageInfo: MessageTypeDefinition<_ganeti_StorageInfo, _ganeti_StorageInfo__Output>
    StorageListRequest: MessageTypeDefinition<_ganeti_StorageListRequest, _ganeti_StorageListRequest__Output>
    StorageListResponse: MessageTypeDefinition<_ganeti_StorageListResponse, _ganeti_StorageListResponse__Output>
    StorageUnit: MessageTypeDefinition<_ganeti_StorageUnit, _ganeti_StorageUnit__Output>
    TestDelayRequest: MessageTypeDefinition<_ganeti_TestDelayRequest, _ganeti_TestDelayRequest__Output>
    UploadFileRequest: MessageTypeDefinition<_ganeti_UploadFileRequest, _ganeti_UploadFileRequest__Output>
    VersionResponse: MessageTypeDefinition<_ganeti_VersionResponse, _ganeti_VersionResponse__Output>
    Volume: MessageTypeDefinition<_ganeti_Volume, _ganeti_Volume__Output>
    WriteSsconfRequest: MessageTypeDefinition<_ganeti_WriteSsconfRequest, _ganeti_WriteSsconfRequest__Output>
  }
}

