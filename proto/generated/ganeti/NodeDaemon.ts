// Original file: proto/ganeti/node.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcceptInstanceRequest as _ganeti_AcceptInstanceRequest, AcceptInstanceRequest__Output as _ganeti_AcceptInstanceRequest__Output } from '../ganeti/AcceptInstanceRequest.js';
import type { BlockdevAssembleResponse as _ganeti_BlockdevAssembleResponse, BlockdevAssembleResponse__Output as _ganeti_BlockdevAssembleResponse__Output } from '../ganeti/BlockdevAssembleResponse.js';
import type { BlockdevCreateResponse as _ganeti_BlockdevCreateResponse, BlockdevCreateResponse__Output as _ganeti_BlockdevCreateResponse__Output } from '../ganeti/BlockdevCreateResponse.js';
import type { BlockdevDimensionsResponse as _ganeti_BlockdevDimensionsResponse, BlockdevDimensionsResponse__Output as _ganeti_BlockdevDimensionsResponse__Output } from '../ganeti/BlockdevDimensionsResponse.js';
import type { BlockdevGrowRequest as _ganeti_BlockdevGrowRequest, BlockdevGrowRequest__Output as _ganeti_BlockdevGrowRequest__Output } from '../ganeti/BlockdevGrowRequest.js';
import type { BlockdevGrowResponse as _ganeti_BlockdevGrowResponse, BlockdevGrowResponse__Output as _ganeti_BlockdevGrowResponse__Output } from '../ganeti/BlockdevGrowResponse.js';
import type { BlockdevRenameRequest as _ganeti_BlockdevRenameRequest, BlockdevRenameRequest__Output as _ganeti_BlockdevRenameRequest__Output } from '../ganeti/BlockdevRenameRequest.js';
import type { BlockdevRequest as _ganeti_BlockdevRequest, BlockdevRequest__Output as _ganeti_BlockdevRequest__Output } from '../ganeti/BlockdevRequest.js';
import type { BlockdevRevertRequest as _ganeti_BlockdevRevertRequest, BlockdevRevertRequest__Output as _ganeti_BlockdevRevertRequest__Output } from '../ganeti/BlockdevRevertRequest.js';
import type { BlockdevSaveAsRequest as _ganeti_BlockdevSaveAsRequest, BlockdevSaveAsRequest__Output as _ganeti_BlockdevSaveAsRequest__Output } from '../ganeti/BlockdevSaveAsRequest.js';
import type { BlockdevSnapshotRequest as _ganeti_BlockdevSnapshotRequest, BlockdevSnapshotRequest__Output as _ganeti_BlockdevSnapshotRequest__Output } from '../ganeti/BlockdevSnapshotRequest.js';
import type { ClusterConfigFile as _ganeti_ClusterConfigFile, ClusterConfigFile__Output as _ganeti_ClusterConfigFile__Output } from '../ganeti/ClusterConfigFile.js';
import type { ConfigDeltasRequest as _ganeti_ConfigDeltasRequest, ConfigDeltasRequest__Output as _ganeti_ConfigDeltasRequest__Output } from '../ganeti/ConfigDeltasRequest.js';
import type { ConfigDeltasResponse as _ganeti_ConfigDeltasResponse, ConfigDeltasResponse__Output as _ganeti_ConfigDeltasResponse__Output } from '../ganeti/ConfigDeltasResponse.js';
import type { CopyFileRequest as _ganeti_CopyFileRequest, CopyFileRequest__Output as _ganeti_CopyFileRequest__Output } from '../ganeti/CopyFileRequest.js';
import type { Empty as _ganeti_Empty, Empty__Output as _ganeti_Empty__Output } from '../ganeti/Empty.js';
import type { ExportChunkRequest as _ganeti_ExportChunkRequest, ExportChunkRequest__Output as _ganeti_ExportChunkRequest__Output } from '../ganeti/ExportChunkRequest.js';
import type { ExportChunkResponse as _ganeti_ExportChunkResponse, ExportChunkResponse__Output as _ganeti_ExportChunkResponse__Output } from '../ganeti/ExportChunkResponse.js';
import type { ExportFinalizeRequest as _ganeti_ExportFinalizeRequest, ExportFinalizeRequest__Output as _ganeti_ExportFinalizeRequest__Output } from '../ganeti/ExportFinalizeRequest.js';
import type { ExportGrantRequest as _ganeti_ExportGrantRequest, ExportGrantRequest__Output as _ganeti_ExportGrantRequest__Output } from '../ganeti/ExportGrantRequest.js';
import type { ExportInfoResponse as _ganeti_ExportInfoResponse, ExportInfoResponse__Output as _ganeti_ExportInfoResponse__Output } from '../ganeti/ExportInfoResponse.js';
import type { ExportListResponse as _ganeti_ExportListResponse, ExportListResponse__Output as _ganeti_ExportListResponse__Output } from '../ganeti/ExportListResponse.js';
import type { ExportNameRequest as _ganeti_ExportNameRequest, ExportNameRequest__Output as _ganeti_ExportNameRequest__Output } from '../ganeti/ExportNameRequest.js';
import type { ExportPrepareRequest as _ganeti_ExportPrepareRequest, ExportPrepareRequest__Output as _ganeti_ExportPrepareRequest__Output } from '../ganeti/ExportPrepareRequest.js';
import type { ExportPrepareResponse as _ganeti_ExportPrepareResponse, ExportPrepareResponse__Output as _ganeti_ExportPrepareResponse__Output } from '../ganeti/ExportPrepareResponse.js';
import type { ExportPullRequest as _ganeti_ExportPullRequest, ExportPullRequest__Output as _ganeti_ExportPullRequest__Output } from '../ganeti/ExportPullRequest.js';
import type { ExtStorageDiagnoseResponse as _ganeti_ExtStorageDiagnoseResponse, ExtStorageDiagnoseResponse__Output as _ganeti_ExtStorageDiagnoseResponse__Output } from '../ganeti/ExtStorageDiagnoseResponse.js';
import type { FinalizeMigrationRequest as _ganeti_FinalizeMigrationRequest, FinalizeMigrationRequest__Output as _ganeti_FinalizeMigrationRequest__Output } from '../ganeti/FinalizeMigrationRequest.js';
import type { InstanceInfoRequest as _ganeti_InstanceInfoRequest, InstanceInfoRequest__Output as _ganeti_InstanceInfoRequest__Output } from '../ganeti/InstanceInfoRequest.js';
import type { InstanceLifecycleRequest as _ganeti_InstanceLifecycleRequest, InstanceLifecycleRequest__Output as _ganeti_InstanceLifecycleRequest__Output } from '../ganeti/InstanceLifecycleRequest.js';
import type { InstanceListRequest as _ganeti_InstanceListRequest, InstanceListRequest__Output as _ganeti_InstanceListRequest__Output } from '../ganeti/InstanceListRequest.js';
import type { InstanceListResponse as _ganeti_InstanceListResponse, InstanceListResponse__Output as _ganeti_InstanceListResponse__Output } from '../ganeti/InstanceListResponse.js';
import type { InstanceListTaggedRequest as _ganeti_InstanceListTaggedRequest, InstanceListTaggedRequest__Output as _ganeti_InstanceListTaggedRequest__Output } from '../ganeti/InstanceListTaggedRequest.js';
import type { InstanceListTaggedResponse as _ganeti_InstanceListTaggedResponse, InstanceListTaggedResponse__Output as _ganeti_InstanceListTaggedResponse__Output } from '../ganeti/InstanceListTaggedResponse.js';
import type { InstanceMigrateRequest as _ganeti_InstanceMigrateRequest, InstanceMigrateRequest__Output as _ganeti_InstanceMigrateRequest__Output } from '../ganeti/InstanceMigrateRequest.js';
import type { InstanceOsRenameRequest as _ganeti_InstanceOsRenameRequest, InstanceOsRenameRequest__Output as _ganeti_InstanceOsRenameRequest__Output } from '../ganeti/InstanceOsRenameRequest.js';
import type { InstanceOsRequest as _ganeti_InstanceOsRequest, InstanceOsRequest__Output as _ganeti_InstanceOsRequest__Output } from '../ganeti/InstanceOsRequest.js';
import type { InstanceRebootRequest as _ganeti_InstanceRebootRequest, InstanceRebootRequest__Output as _ganeti_InstanceRebootRequest__Output } from '../ganeti/InstanceRebootRequest.js';
import type { InstanceRuntime as _ganeti_InstanceRuntime, InstanceRuntime__Output as _ganeti_InstanceRuntime__Output } from '../ganeti/InstanceRuntime.js';
import type { InstanceShutdownRequest as _ganeti_InstanceShutdownRequest, InstanceShutdownRequest__Output as _ganeti_InstanceShutdownRequest__Output } from '../ganeti/InstanceShutdownRequest.js';
import type { InstanceSnapshotRequest as _ganeti_InstanceSnapshotRequest, InstanceSnapshotRequest__Output as _ganeti_InstanceSnapshotRequest__Output } from '../ganeti/InstanceSnapshotRequest.js';
import type { InstanceSnapshotResponse as _ganeti_InstanceSnapshotResponse, InstanceSnapshotResponse__Output as _ganeti_InstanceSnapshotResponse__Output } from '../ganeti/InstanceSnapshotResponse.js';
import type { InstanceStartRequest as _ganeti_InstanceStartRequest, InstanceStartRequest__Output as _ganeti_InstanceStartRequest__Output } from '../ganeti/InstanceStartRequest.js';
import type { JobQueueFiles as _ganeti_JobQueueFiles, JobQueueFiles__Output as _ganeti_JobQueueFiles__Output } from '../ganeti/JobQueueFiles.js';
import type { JobQueueUpdateRequest as _ganeti_JobQueueUpdateRequest, JobQueueUpdateRequest__Output as _ganeti_JobQueueUpdateRequest__Output } from '../ganeti/JobQueueUpdateRequest.js';
import type { JobQueueUpdateResponse as _ganeti_JobQueueUpdateResponse, JobQueueUpdateResponse__Output as _ganeti_JobQueueUpdateResponse__Output } from '../ganeti/JobQueueUpdateResponse.js';
import type { MasterInfoResponse as _ganeti_MasterInfoResponse, MasterInfoResponse__Output as _ganeti_MasterInfoResponse__Output } from '../ganeti/MasterInfoResponse.js';
import type { MasterIpRequest as _ganeti_MasterIpRequest, MasterIpRequest__Output as _ganeti_MasterIpRequest__Output } from '../ganeti/MasterIpRequest.js';
import type { MigrationInfoResponse as _ganeti_MigrationInfoResponse, MigrationInfoResponse__Output as _ganeti_MigrationInfoResponse__Output } from '../ganeti/MigrationInfoResponse.js';
import type { MigrationRequest as _ganeti_MigrationRequest, MigrationRequest__Output as _ganeti_MigrationRequest__Output } from '../ganeti/MigrationRequest.js';
import type { MigrationStatusResponse as _ganeti_MigrationStatusResponse, MigrationStatusResponse__Output as _ganeti_MigrationStatusResponse__Output } from '../ganeti/MigrationStatusResponse.js';
import type { NodeInfoRequest as _ganeti_NodeInfoRequest, NodeInfoRequest__Output as _ganeti_NodeInfoRequest__Output } from '../ganeti/NodeInfoRequest.js';
import type { NodeInfoResponse as _ganeti_NodeInfoResponse, NodeInfoResponse__Output as _ganeti_NodeInfoResponse__Output } from '../ganeti/NodeInfoResponse.js';
import type { NodeVerifyRequest as _ganeti_NodeVerifyRequest, NodeVerifyRequest__Output as _ganeti_NodeVerifyRequest__Output } from '../ganeti/NodeVerifyRequest.js';
import type { NodeVerifyResponse as _ganeti_NodeVerifyResponse, NodeVerifyResponse__Output as _ganeti_NodeVerifyResponse__Output } from '../ganeti/NodeVerifyResponse.js';
import type { NodeVolumesRequest as _ganeti_NodeVolumesRequest, NodeVolumesRequest__Output as _ganeti_NodeVolumesRequest__Output } from '../ganeti/NodeVolumesRequest.js';
import type { NodeVolumesResponse as _ganeti_NodeVolumesResponse, NodeVolumesResponse__Output as _ganeti_NodeVolumesResponse__Output } from '../ganeti/NodeVolumesResponse.js';
import type { OsDiagnoseResponse as _ganeti_OsDiagnoseResponse, OsDiagnoseResponse__Output as _ganeti_OsDiagnoseResponse__Output } from '../ganeti/OsDiagnoseResponse.js';
import type { OsScriptResult as _ganeti_OsScriptResult, OsScriptResult__Output as _ganeti_OsScriptResult__Output } from '../ganeti/OsScriptResult.js';
import type { OsValidateRequest as _ganeti_OsValidateRequest, OsValidateRequest__Output as _ganeti_OsValidateRequest__Output } from '../ganeti/OsValidateRequest.js';
import type { OsValidateResponse as _ganeti_OsValidateResponse, OsValidateResponse__Output as _ganeti_OsValidateResponse__Output } from '../ganeti/OsValidateResponse.js';
import type { RestrictedCommandRequest as _ganeti_RestrictedCommandRequest, RestrictedCommandRequest__Output as _ganeti_RestrictedCommandRequest__Output } from '../ganeti/RestrictedCommandRequest.js';
import type { RestrictedCommandResponse as _ganeti_RestrictedCommandResponse, RestrictedCommandResponse__Output as _ganeti_RestrictedCommandResponse__Output } from '../ganeti/RestrictedCommandResponse.js';
import type { RunCommandRequest as _ganeti_RunCommandRequest, RunCommandRequest__Output as _ganeti_RunCommandRequest__Output } from '../ganeti/RunCommandRequest.js';
import type { RunCommandResponse as _ganeti_RunCommandResponse, RunCommandResponse__Output as _ganeti_RunCommandResponse__Output } from '../ganeti/RunCommandResponse.js';
import type { RunOobRequest as _ganeti_RunOobRequest, RunOobRequest__Output as _ganeti_RunOobRequest__Output } from '../ganeti/RunOobRequest.js';
import type { RunOobResponse as _ganeti_RunOobResponse, RunOobResponse__Output as _ganeti_RunOobResponse__Output } from '../ganeti/RunOobResponse.js';
import type { StorageListRequest as _ganeti_StorageListRequest, StorageListRequest__Output as _ganeti_StorageListRequest__Output } from '../ganeti/StorageListRequest.js';
import type { StorageListResponse as _ganeti_StorageListResponse, StorageListResponse__Output as _ganeti_StorageListResponse__Output } from '../ganeti/StorageListResponse.js';
import type { TestDelayRequest as _ganeti_TestDelayRequest, TestDelayRequest__Output as _ganeti_TestDelayRequest__Output } from '../ganeti/TestDelayRequest.js';
import type { UploadFileRequest as _ganeti_UploadFileRequest, UploadFileRequest__Output as _ganeti_UploadFileRequest__Output } from '../ganeti/UploadFileRequest.js';
import type { VersionResponse as _ganeti_VersionResponse, VersionResponse__Output as _ganeti_VersionResponse__Output } from '../ganeti/VersionResponse.js';
import type { WriteSsconfRequest as _ganeti_WriteSsconfRequest, WriteSsconfRequest__Output as _ganeti_WriteSsconfRequest__Output } from '../ganeti/WriteSsconfRequest.js';

export interface NodeDaemonClient extends grpc.Client {
  AcceptInstance(argument: _ganeti_AcceptInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  AcceptInstance(argument: _ganeti_AcceptInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  AcceptInstance(argument: _ganeti_AcceptInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  AcceptInstance(argument: _ganeti_AcceptInstanceRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  acceptInstance(argument: _ganeti_AcceptInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  acceptInstance(argument: _ganeti_AcceptInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  acceptInstance(argument: _ganeti_AcceptInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  acceptInstance(argument: _ganeti_AcceptInstanceRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  BlockdevAssemble(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevAssembleResponse__Output>): grpc.ClientUnaryCall;
  BlockdevAssemble(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevAssembleResponse__Output>): grpc.ClientUnaryCall;
  BlockdevAssemble(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevAssembleResponse__Output>): grpc.ClientUnaryCall;
  BlockdevAssemble(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_BlockdevAssembleResponse__Output>): grpc.ClientUnaryCall;
  blockdevAssemble(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevAssembleResponse__Output>): grpc.ClientUnaryCall;
  blockdevAssemble(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevAssembleResponse__Output>): grpc.ClientUnaryCall;
  blockdevAssemble(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevAssembleResponse__Output>): grpc.ClientUnaryCall;
  blockdevAssemble(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_BlockdevAssembleResponse__Output>): grpc.ClientUnaryCall;
  
  BlockdevCreate(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevCreate(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevCreate(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevCreate(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevCreate(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevCreate(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevCreate(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevCreate(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  
  BlockdevGetDimensions(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevDimensionsResponse__Output>): grpc.ClientUnaryCall;
  BlockdevGetDimensions(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevDimensionsResponse__Output>): grpc.ClientUnaryCall;
  BlockdevGetDimensions(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevDimensionsResponse__Output>): grpc.ClientUnaryCall;
  BlockdevGetDimensions(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_BlockdevDimensionsResponse__Output>): grpc.ClientUnaryCall;
  blockdevGetDimensions(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevDimensionsResponse__Output>): grpc.ClientUnaryCall;
  blockdevGetDimensions(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevDimensionsResponse__Output>): grpc.ClientUnaryCall;
  blockdevGetDimensions(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevDimensionsResponse__Output>): grpc.ClientUnaryCall;
  blockdevGetDimensions(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_BlockdevDimensionsResponse__Output>): grpc.ClientUnaryCall;
  
  BlockdevGrow(argument: _ganeti_BlockdevGrowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevGrowResponse__Output>): grpc.ClientUnaryCall;
  BlockdevGrow(argument: _ganeti_BlockdevGrowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevGrowResponse__Output>): grpc.ClientUnaryCall;
  BlockdevGrow(argument: _ganeti_BlockdevGrowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevGrowResponse__Output>): grpc.ClientUnaryCall;
  BlockdevGrow(argument: _ganeti_BlockdevGrowRequest, callback: grpc.requestCallback<_ganeti_BlockdevGrowResponse__Output>): grpc.ClientUnaryCall;
  blockdevGrow(argument: _ganeti_BlockdevGrowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevGrowResponse__Output>): grpc.ClientUnaryCall;
  blockdevGrow(argument: _ganeti_BlockdevGrowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevGrowResponse__Output>): grpc.ClientUnaryCall;
  blockdevGrow(argument: _ganeti_BlockdevGrowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevGrowResponse__Output>): grpc.ClientUnaryCall;
  blockdevGrow(argument: _ganeti_BlockdevGrowRequest, callback: grpc.requestCallback<_ganeti_BlockdevGrowResponse__Output>): grpc.ClientUnaryCall;
  
  BlockdevRemove(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevRemove(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevRemove(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevRemove(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevRemove(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevRemove(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevRemove(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevRemove(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  BlockdevRename(argument: _ganeti_BlockdevRenameRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevRename(argument: _ganeti_BlockdevRenameRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevRename(argument: _ganeti_BlockdevRenameRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevRename(argument: _ganeti_BlockdevRenameRequest, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevRename(argument: _ganeti_BlockdevRenameRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevRename(argument: _ganeti_BlockdevRenameRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevRename(argument: _ganeti_BlockdevRenameRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevRename(argument: _ganeti_BlockdevRenameRequest, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  
  BlockdevResetOverlay(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevResetOverlay(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevResetOverlay(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevResetOverlay(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevResetOverlay(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevResetOverlay(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevResetOverlay(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevResetOverlay(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  BlockdevRevert(argument: _ganeti_BlockdevRevertRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevRevert(argument: _ganeti_BlockdevRevertRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevRevert(argument: _ganeti_BlockdevRevertRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevRevert(argument: _ganeti_BlockdevRevertRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevRevert(argument: _ganeti_BlockdevRevertRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevRevert(argument: _ganeti_BlockdevRevertRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevRevert(argument: _ganeti_BlockdevRevertRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevRevert(argument: _ganeti_BlockdevRevertRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  BlockdevSaveAs(argument: _ganeti_BlockdevSaveAsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevSaveAs(argument: _ganeti_BlockdevSaveAsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevSaveAs(argument: _ganeti_BlockdevSaveAsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevSaveAs(argument: _ganeti_BlockdevSaveAsRequest, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevSaveAs(argument: _ganeti_BlockdevSaveAsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevSaveAs(argument: _ganeti_BlockdevSaveAsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevSaveAs(argument: _ganeti_BlockdevSaveAsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevSaveAs(argument: _ganeti_BlockdevSaveAsRequest, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  
  BlockdevShutdown(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevShutdown(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevShutdown(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  BlockdevShutdown(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevShutdown(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevShutdown(argument: _ganeti_BlockdevRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevShutdown(argument: _ganeti_BlockdevRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  blockdevShutdown(argument: _ganeti_BlockdevRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  BlockdevSnapshot(argument: _ganeti_BlockdevSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevSnapshot(argument: _ganeti_BlockdevSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevSnapshot(argument: _ganeti_BlockdevSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  BlockdevSnapshot(argument: _ganeti_BlockdevSnapshotRequest, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevSnapshot(argument: _ganeti_BlockdevSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevSnapshot(argument: _ganeti_BlockdevSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevSnapshot(argument: _ganeti_BlockdevSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  blockdevSnapshot(argument: _ganeti_BlockdevSnapshotRequest, callback: grpc.requestCallback<_ganeti_BlockdevCreateResponse__Output>): grpc.ClientUnaryCall;
  
  ExportFinalize(argument: _ganeti_ExportFinalizeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportFinalize(argument: _ganeti_ExportFinalizeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportFinalize(argument: _ganeti_ExportFinalizeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportFinalize(argument: _ganeti_ExportFinalizeRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportFinalize(argument: _ganeti_ExportFinalizeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportFinalize(argument: _ganeti_ExportFinalizeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportFinalize(argument: _ganeti_ExportFinalizeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportFinalize(argument: _ganeti_ExportFinalizeRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  ExportGrantPull(argument: _ganeti_ExportGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportGrantPull(argument: _ganeti_ExportGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportGrantPull(argument: _ganeti_ExportGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportGrantPull(argument: _ganeti_ExportGrantRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportGrantPull(argument: _ganeti_ExportGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportGrantPull(argument: _ganeti_ExportGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportGrantPull(argument: _ganeti_ExportGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportGrantPull(argument: _ganeti_ExportGrantRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  ExportInfo(argument: _ganeti_ExportNameRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportInfoResponse__Output>): grpc.ClientUnaryCall;
  ExportInfo(argument: _ganeti_ExportNameRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ExportInfoResponse__Output>): grpc.ClientUnaryCall;
  ExportInfo(argument: _ganeti_ExportNameRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportInfoResponse__Output>): grpc.ClientUnaryCall;
  ExportInfo(argument: _ganeti_ExportNameRequest, callback: grpc.requestCallback<_ganeti_ExportInfoResponse__Output>): grpc.ClientUnaryCall;
  exportInfo(argument: _ganeti_ExportNameRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportInfoResponse__Output>): grpc.ClientUnaryCall;
  exportInfo(argument: _ganeti_ExportNameRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ExportInfoResponse__Output>): grpc.ClientUnaryCall;
  exportInfo(argument: _ganeti_ExportNameRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportInfoResponse__Output>): grpc.ClientUnaryCall;
  exportInfo(argument: _ganeti_ExportNameRequest, callback: grpc.requestCallback<_ganeti_ExportInfoResponse__Output>): grpc.ClientUnaryCall;
  
  ExportList(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportListResponse__Output>): grpc.ClientUnaryCall;
  ExportList(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ExportListResponse__Output>): grpc.ClientUnaryCall;
  ExportList(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportListResponse__Output>): grpc.ClientUnaryCall;
  ExportList(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_ExportListResponse__Output>): grpc.ClientUnaryCall;
  exportList(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportListResponse__Output>): grpc.ClientUnaryCall;
  exportList(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ExportListResponse__Output>): grpc.ClientUnaryCall;
  exportList(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportListResponse__Output>): grpc.ClientUnaryCall;
  exportList(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_ExportListResponse__Output>): grpc.ClientUnaryCall;
  
  ExportPrepare(argument: _ganeti_ExportPrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportPrepareResponse__Output>): grpc.ClientUnaryCall;
  ExportPrepare(argument: _ganeti_ExportPrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ExportPrepareResponse__Output>): grpc.ClientUnaryCall;
  ExportPrepare(argument: _ganeti_ExportPrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportPrepareResponse__Output>): grpc.ClientUnaryCall;
  ExportPrepare(argument: _ganeti_ExportPrepareRequest, callback: grpc.requestCallback<_ganeti_ExportPrepareResponse__Output>): grpc.ClientUnaryCall;
  exportPrepare(argument: _ganeti_ExportPrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportPrepareResponse__Output>): grpc.ClientUnaryCall;
  exportPrepare(argument: _ganeti_ExportPrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ExportPrepareResponse__Output>): grpc.ClientUnaryCall;
  exportPrepare(argument: _ganeti_ExportPrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportPrepareResponse__Output>): grpc.ClientUnaryCall;
  exportPrepare(argument: _ganeti_ExportPrepareRequest, callback: grpc.requestCallback<_ganeti_ExportPrepareResponse__Output>): grpc.ClientUnaryCall;
  
  ExportPull(argument: _ganeti_ExportPullRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportPull(argument: _ganeti_ExportPullRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportPull(argument: _ganeti_ExportPullRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportPull(argument: _ganeti_ExportPullRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportPull(argument: _ganeti_ExportPullRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportPull(argument: _ganeti_ExportPullRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportPull(argument: _ganeti_ExportPullRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportPull(argument: _ganeti_ExportPullRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  ExportReadChunk(argument: _ganeti_ExportChunkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportChunkResponse__Output>): grpc.ClientUnaryCall;
  ExportReadChunk(argument: _ganeti_ExportChunkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ExportChunkResponse__Output>): grpc.ClientUnaryCall;
  ExportReadChunk(argument: _ganeti_ExportChunkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportChunkResponse__Output>): grpc.ClientUnaryCall;
  ExportReadChunk(argument: _ganeti_ExportChunkRequest, callback: grpc.requestCallback<_ganeti_ExportChunkResponse__Output>): grpc.ClientUnaryCall;
  exportReadChunk(argument: _ganeti_ExportChunkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportChunkResponse__Output>): grpc.ClientUnaryCall;
  exportReadChunk(argument: _ganeti_ExportChunkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ExportChunkResponse__Output>): grpc.ClientUnaryCall;
  exportReadChunk(argument: _ganeti_ExportChunkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExportChunkResponse__Output>): grpc.ClientUnaryCall;
  exportReadChunk(argument: _ganeti_ExportChunkRequest, callback: grpc.requestCallback<_ganeti_ExportChunkResponse__Output>): grpc.ClientUnaryCall;
  
  ExportRemove(argument: _ganeti_ExportNameRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportRemove(argument: _ganeti_ExportNameRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportRemove(argument: _ganeti_ExportNameRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  ExportRemove(argument: _ganeti_ExportNameRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportRemove(argument: _ganeti_ExportNameRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportRemove(argument: _ganeti_ExportNameRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportRemove(argument: _ganeti_ExportNameRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  exportRemove(argument: _ganeti_ExportNameRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  ExtStorageDiagnose(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExtStorageDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  ExtStorageDiagnose(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ExtStorageDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  ExtStorageDiagnose(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExtStorageDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  ExtStorageDiagnose(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_ExtStorageDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  extStorageDiagnose(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExtStorageDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  extStorageDiagnose(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ExtStorageDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  extStorageDiagnose(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ExtStorageDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  extStorageDiagnose(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_ExtStorageDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  
  InstanceContinue(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceContinue(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceContinue(argument: _ganeti_InstanceLifecycleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceContinue(argument: _ganeti_InstanceLifecycleRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceContinue(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceContinue(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceContinue(argument: _ganeti_InstanceLifecycleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceContinue(argument: _ganeti_InstanceLifecycleRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  InstanceFinalizeMigrationDst(argument: _ganeti_FinalizeMigrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceFinalizeMigrationDst(argument: _ganeti_FinalizeMigrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceFinalizeMigrationDst(argument: _ganeti_FinalizeMigrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceFinalizeMigrationDst(argument: _ganeti_FinalizeMigrationRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceFinalizeMigrationDst(argument: _ganeti_FinalizeMigrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceFinalizeMigrationDst(argument: _ganeti_FinalizeMigrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceFinalizeMigrationDst(argument: _ganeti_FinalizeMigrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceFinalizeMigrationDst(argument: _ganeti_FinalizeMigrationRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  InstanceFinalizeMigrationSrc(argument: _ganeti_FinalizeMigrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceFinalizeMigrationSrc(argument: _ganeti_FinalizeMigrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceFinalizeMigrationSrc(argument: _ganeti_FinalizeMigrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceFinalizeMigrationSrc(argument: _ganeti_FinalizeMigrationRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceFinalizeMigrationSrc(argument: _ganeti_FinalizeMigrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceFinalizeMigrationSrc(argument: _ganeti_FinalizeMigrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceFinalizeMigrationSrc(argument: _ganeti_FinalizeMigrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceFinalizeMigrationSrc(argument: _ganeti_FinalizeMigrationRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  InstanceGetMigrationStatus(argument: _ganeti_MigrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MigrationStatusResponse__Output>): grpc.ClientUnaryCall;
  InstanceGetMigrationStatus(argument: _ganeti_MigrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_MigrationStatusResponse__Output>): grpc.ClientUnaryCall;
  InstanceGetMigrationStatus(argument: _ganeti_MigrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MigrationStatusResponse__Output>): grpc.ClientUnaryCall;
  InstanceGetMigrationStatus(argument: _ganeti_MigrationRequest, callback: grpc.requestCallback<_ganeti_MigrationStatusResponse__Output>): grpc.ClientUnaryCall;
  instanceGetMigrationStatus(argument: _ganeti_MigrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MigrationStatusResponse__Output>): grpc.ClientUnaryCall;
  instanceGetMigrationStatus(argument: _ganeti_MigrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_MigrationStatusResponse__Output>): grpc.ClientUnaryCall;
  instanceGetMigrationStatus(argument: _ganeti_MigrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MigrationStatusResponse__Output>): grpc.ClientUnaryCall;
  instanceGetMigrationStatus(argument: _ganeti_MigrationRequest, callback: grpc.requestCallback<_ganeti_MigrationStatusResponse__Output>): grpc.ClientUnaryCall;
  
  InstanceInfo(argument: _ganeti_InstanceInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceRuntime__Output>): grpc.ClientUnaryCall;
  InstanceInfo(argument: _ganeti_InstanceInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_InstanceRuntime__Output>): grpc.ClientUnaryCall;
  InstanceInfo(argument: _ganeti_InstanceInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceRuntime__Output>): grpc.ClientUnaryCall;
  InstanceInfo(argument: _ganeti_InstanceInfoRequest, callback: grpc.requestCallback<_ganeti_InstanceRuntime__Output>): grpc.ClientUnaryCall;
  instanceInfo(argument: _ganeti_InstanceInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceRuntime__Output>): grpc.ClientUnaryCall;
  instanceInfo(argument: _ganeti_InstanceInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_InstanceRuntime__Output>): grpc.ClientUnaryCall;
  instanceInfo(argument: _ganeti_InstanceInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceRuntime__Output>): grpc.ClientUnaryCall;
  instanceInfo(argument: _ganeti_InstanceInfoRequest, callback: grpc.requestCallback<_ganeti_InstanceRuntime__Output>): grpc.ClientUnaryCall;
  
  InstanceList(argument: _ganeti_InstanceListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceListResponse__Output>): grpc.ClientUnaryCall;
  InstanceList(argument: _ganeti_InstanceListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_InstanceListResponse__Output>): grpc.ClientUnaryCall;
  InstanceList(argument: _ganeti_InstanceListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceListResponse__Output>): grpc.ClientUnaryCall;
  InstanceList(argument: _ganeti_InstanceListRequest, callback: grpc.requestCallback<_ganeti_InstanceListResponse__Output>): grpc.ClientUnaryCall;
  instanceList(argument: _ganeti_InstanceListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceListResponse__Output>): grpc.ClientUnaryCall;
  instanceList(argument: _ganeti_InstanceListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_InstanceListResponse__Output>): grpc.ClientUnaryCall;
  instanceList(argument: _ganeti_InstanceListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceListResponse__Output>): grpc.ClientUnaryCall;
  instanceList(argument: _ganeti_InstanceListRequest, callback: grpc.requestCallback<_ganeti_InstanceListResponse__Output>): grpc.ClientUnaryCall;
  
  InstanceListTagged(argument: _ganeti_InstanceListTaggedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceListTaggedResponse__Output>): grpc.ClientUnaryCall;
  InstanceListTagged(argument: _ganeti_InstanceListTaggedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_InstanceListTaggedResponse__Output>): grpc.ClientUnaryCall;
  InstanceListTagged(argument: _ganeti_InstanceListTaggedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceListTaggedResponse__Output>): grpc.ClientUnaryCall;
  InstanceListTagged(argument: _ganeti_InstanceListTaggedRequest, callback: grpc.requestCallback<_ganeti_InstanceListTaggedResponse__Output>): grpc.ClientUnaryCall;
  instanceListTagged(argument: _ganeti_InstanceListTaggedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceListTaggedResponse__Output>): grpc.ClientUnaryCall;
  instanceListTagged(argument: _ganeti_InstanceListTaggedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_InstanceListTaggedResponse__Output>): grpc.ClientUnaryCall;
  instanceListTagged(argument: _ganeti_InstanceListTaggedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceListTaggedResponse__Output>): grpc.ClientUnaryCall;
  instanceListTagged(argument: _ganeti_InstanceListTaggedRequest, callback: grpc.requestCallback<_ganeti_InstanceListTaggedResponse__Output>): grpc.ClientUnaryCall;
  
  InstanceMigrate(argument: _ganeti_InstanceMigrateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceMigrate(argument: _ganeti_InstanceMigrateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceMigrate(argument: _ganeti_InstanceMigrateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceMigrate(argument: _ganeti_InstanceMigrateRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceMigrate(argument: _ganeti_InstanceMigrateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceMigrate(argument: _ganeti_InstanceMigrateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceMigrate(argument: _ganeti_InstanceMigrateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceMigrate(argument: _ganeti_InstanceMigrateRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  InstanceOsAdd(argument: _ganeti_InstanceOsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  InstanceOsAdd(argument: _ganeti_InstanceOsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  InstanceOsAdd(argument: _ganeti_InstanceOsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  InstanceOsAdd(argument: _ganeti_InstanceOsRequest, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  instanceOsAdd(argument: _ganeti_InstanceOsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  instanceOsAdd(argument: _ganeti_InstanceOsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  instanceOsAdd(argument: _ganeti_InstanceOsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  instanceOsAdd(argument: _ganeti_InstanceOsRequest, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  
  InstanceOsRename(argument: _ganeti_InstanceOsRenameRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  InstanceOsRename(argument: _ganeti_InstanceOsRenameRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  InstanceOsRename(argument: _ganeti_InstanceOsRenameRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  InstanceOsRename(argument: _ganeti_InstanceOsRenameRequest, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  instanceOsRename(argument: _ganeti_InstanceOsRenameRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  instanceOsRename(argument: _ganeti_InstanceOsRenameRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  instanceOsRename(argument: _ganeti_InstanceOsRenameRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  instanceOsRename(argument: _ganeti_InstanceOsRenameRequest, callback: grpc.requestCallback<_ganeti_OsScriptResult__Output>): grpc.ClientUnaryCall;
  
  InstancePause(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstancePause(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstancePause(argument: _ganeti_InstanceLifecycleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstancePause(argument: _ganeti_InstanceLifecycleRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instancePause(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instancePause(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instancePause(argument: _ganeti_InstanceLifecycleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instancePause(argument: _ganeti_InstanceLifecycleRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  InstanceReboot(argument: _ganeti_InstanceRebootRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceReboot(argument: _ganeti_InstanceRebootRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceReboot(argument: _ganeti_InstanceRebootRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceReboot(argument: _ganeti_InstanceRebootRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceReboot(argument: _ganeti_InstanceRebootRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceReboot(argument: _ganeti_InstanceRebootRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceReboot(argument: _ganeti_InstanceRebootRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceReboot(argument: _ganeti_InstanceRebootRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  InstanceResume(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceResume(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceResume(argument: _ganeti_InstanceLifecycleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceResume(argument: _ganeti_InstanceLifecycleRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceResume(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceResume(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceResume(argument: _ganeti_InstanceLifecycleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceResume(argument: _ganeti_InstanceLifecycleRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  InstanceShutdown(argument: _ganeti_InstanceShutdownRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceShutdown(argument: _ganeti_InstanceShutdownRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceShutdown(argument: _ganeti_InstanceShutdownRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceShutdown(argument: _ganeti_InstanceShutdownRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceShutdown(argument: _ganeti_InstanceShutdownRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceShutdown(argument: _ganeti_InstanceShutdownRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceShutdown(argument: _ganeti_InstanceShutdownRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceShutdown(argument: _ganeti_InstanceShutdownRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  InstanceSnapshotDisks(argument: _ganeti_InstanceSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceSnapshotResponse__Output>): grpc.ClientUnaryCall;
  InstanceSnapshotDisks(argument: _ganeti_InstanceSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_InstanceSnapshotResponse__Output>): grpc.ClientUnaryCall;
  InstanceSnapshotDisks(argument: _ganeti_InstanceSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceSnapshotResponse__Output>): grpc.ClientUnaryCall;
  InstanceSnapshotDisks(argument: _ganeti_InstanceSnapshotRequest, callback: grpc.requestCallback<_ganeti_InstanceSnapshotResponse__Output>): grpc.ClientUnaryCall;
  instanceSnapshotDisks(argument: _ganeti_InstanceSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceSnapshotResponse__Output>): grpc.ClientUnaryCall;
  instanceSnapshotDisks(argument: _ganeti_InstanceSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_InstanceSnapshotResponse__Output>): grpc.ClientUnaryCall;
  instanceSnapshotDisks(argument: _ganeti_InstanceSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_InstanceSnapshotResponse__Output>): grpc.ClientUnaryCall;
  instanceSnapshotDisks(argument: _ganeti_InstanceSnapshotRequest, callback: grpc.requestCallback<_ganeti_InstanceSnapshotResponse__Output>): grpc.ClientUnaryCall;
  
  InstanceStart(argument: _ganeti_InstanceStartRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceStart(argument: _ganeti_InstanceStartRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceStart(argument: _ganeti_InstanceStartRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceStart(argument: _ganeti_InstanceStartRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceStart(argument: _ganeti_InstanceStartRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceStart(argument: _ganeti_InstanceStartRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceStart(argument: _ganeti_InstanceStartRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceStart(argument: _ganeti_InstanceStartRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  InstanceStateRemove(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceStateRemove(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceStateRemove(argument: _ganeti_InstanceLifecycleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceStateRemove(argument: _ganeti_InstanceLifecycleRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceStateRemove(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceStateRemove(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceStateRemove(argument: _ganeti_InstanceLifecycleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceStateRemove(argument: _ganeti_InstanceLifecycleRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  InstanceSuspend(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceSuspend(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceSuspend(argument: _ganeti_InstanceLifecycleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  InstanceSuspend(argument: _ganeti_InstanceLifecycleRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceSuspend(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceSuspend(argument: _ganeti_InstanceLifecycleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceSuspend(argument: _ganeti_InstanceLifecycleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  instanceSuspend(argument: _ganeti_InstanceLifecycleRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  JobQueueUpdate(argument: _ganeti_JobQueueUpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobQueueUpdateResponse__Output>): grpc.ClientUnaryCall;
  JobQueueUpdate(argument: _ganeti_JobQueueUpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JobQueueUpdateResponse__Output>): grpc.ClientUnaryCall;
  JobQueueUpdate(argument: _ganeti_JobQueueUpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobQueueUpdateResponse__Output>): grpc.ClientUnaryCall;
  JobQueueUpdate(argument: _ganeti_JobQueueUpdateRequest, callback: grpc.requestCallback<_ganeti_JobQueueUpdateResponse__Output>): grpc.ClientUnaryCall;
  jobQueueUpdate(argument: _ganeti_JobQueueUpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobQueueUpdateResponse__Output>): grpc.ClientUnaryCall;
  jobQueueUpdate(argument: _ganeti_JobQueueUpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JobQueueUpdateResponse__Output>): grpc.ClientUnaryCall;
  jobQueueUpdate(argument: _ganeti_JobQueueUpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobQueueUpdateResponse__Output>): grpc.ClientUnaryCall;
  jobQueueUpdate(argument: _ganeti_JobQueueUpdateRequest, callback: grpc.requestCallback<_ganeti_JobQueueUpdateResponse__Output>): grpc.ClientUnaryCall;
  
  MasterInfo(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MasterInfoResponse__Output>): grpc.ClientUnaryCall;
  MasterInfo(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_MasterInfoResponse__Output>): grpc.ClientUnaryCall;
  MasterInfo(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MasterInfoResponse__Output>): grpc.ClientUnaryCall;
  MasterInfo(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_MasterInfoResponse__Output>): grpc.ClientUnaryCall;
  masterInfo(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MasterInfoResponse__Output>): grpc.ClientUnaryCall;
  masterInfo(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_MasterInfoResponse__Output>): grpc.ClientUnaryCall;
  masterInfo(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MasterInfoResponse__Output>): grpc.ClientUnaryCall;
  masterInfo(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_MasterInfoResponse__Output>): grpc.ClientUnaryCall;
  
  MigrationInfo(argument: _ganeti_MigrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MigrationInfoResponse__Output>): grpc.ClientUnaryCall;
  MigrationInfo(argument: _ganeti_MigrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_MigrationInfoResponse__Output>): grpc.ClientUnaryCall;
  MigrationInfo(argument: _ganeti_MigrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MigrationInfoResponse__Output>): grpc.ClientUnaryCall;
  MigrationInfo(argument: _ganeti_MigrationRequest, callback: grpc.requestCallback<_ganeti_MigrationInfoResponse__Output>): grpc.ClientUnaryCall;
  migrationInfo(argument: _ganeti_MigrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MigrationInfoResponse__Output>): grpc.ClientUnaryCall;
  migrationInfo(argument: _ganeti_MigrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_MigrationInfoResponse__Output>): grpc.ClientUnaryCall;
  migrationInfo(argument: _ganeti_MigrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_MigrationInfoResponse__Output>): grpc.ClientUnaryCall;
  migrationInfo(argument: _ganeti_MigrationRequest, callback: grpc.requestCallback<_ganeti_MigrationInfoResponse__Output>): grpc.ClientUnaryCall;
  
  NodeActivateMasterIp(argument: _ganeti_MasterIpRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeActivateMasterIp(argument: _ganeti_MasterIpRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeActivateMasterIp(argument: _ganeti_MasterIpRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeActivateMasterIp(argument: _ganeti_MasterIpRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeActivateMasterIp(argument: _ganeti_MasterIpRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeActivateMasterIp(argument: _ganeti_MasterIpRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeActivateMasterIp(argument: _ganeti_MasterIpRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeActivateMasterIp(argument: _ganeti_MasterIpRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  NodeCopyFile(argument: _ganeti_CopyFileRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeCopyFile(argument: _ganeti_CopyFileRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeCopyFile(argument: _ganeti_CopyFileRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeCopyFile(argument: _ganeti_CopyFileRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeCopyFile(argument: _ganeti_CopyFileRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeCopyFile(argument: _ganeti_CopyFileRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeCopyFile(argument: _ganeti_CopyFileRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeCopyFile(argument: _ganeti_CopyFileRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  NodeDeactivateMasterIp(argument: _ganeti_MasterIpRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeDeactivateMasterIp(argument: _ganeti_MasterIpRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeDeactivateMasterIp(argument: _ganeti_MasterIpRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeDeactivateMasterIp(argument: _ganeti_MasterIpRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeDeactivateMasterIp(argument: _ganeti_MasterIpRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeDeactivateMasterIp(argument: _ganeti_MasterIpRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeDeactivateMasterIp(argument: _ganeti_MasterIpRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeDeactivateMasterIp(argument: _ganeti_MasterIpRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  NodeInfo(argument: _ganeti_NodeInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeInfoResponse__Output>): grpc.ClientUnaryCall;
  NodeInfo(argument: _ganeti_NodeInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_NodeInfoResponse__Output>): grpc.ClientUnaryCall;
  NodeInfo(argument: _ganeti_NodeInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeInfoResponse__Output>): grpc.ClientUnaryCall;
  NodeInfo(argument: _ganeti_NodeInfoRequest, callback: grpc.requestCallback<_ganeti_NodeInfoResponse__Output>): grpc.ClientUnaryCall;
  nodeInfo(argument: _ganeti_NodeInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeInfoResponse__Output>): grpc.ClientUnaryCall;
  nodeInfo(argument: _ganeti_NodeInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_NodeInfoResponse__Output>): grpc.ClientUnaryCall;
  nodeInfo(argument: _ganeti_NodeInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeInfoResponse__Output>): grpc.ClientUnaryCall;
  nodeInfo(argument: _ganeti_NodeInfoRequest, callback: grpc.requestCallback<_ganeti_NodeInfoResponse__Output>): grpc.ClientUnaryCall;
  
  NodeLeaveCluster(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeLeaveCluster(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeLeaveCluster(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeLeaveCluster(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeLeaveCluster(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeLeaveCluster(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeLeaveCluster(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeLeaveCluster(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  NodeRunCommand(argument: _ganeti_RunCommandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RunCommandResponse__Output>): grpc.ClientUnaryCall;
  NodeRunCommand(argument: _ganeti_RunCommandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_RunCommandResponse__Output>): grpc.ClientUnaryCall;
  NodeRunCommand(argument: _ganeti_RunCommandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RunCommandResponse__Output>): grpc.ClientUnaryCall;
  NodeRunCommand(argument: _ganeti_RunCommandRequest, callback: grpc.requestCallback<_ganeti_RunCommandResponse__Output>): grpc.ClientUnaryCall;
  nodeRunCommand(argument: _ganeti_RunCommandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RunCommandResponse__Output>): grpc.ClientUnaryCall;
  nodeRunCommand(argument: _ganeti_RunCommandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_RunCommandResponse__Output>): grpc.ClientUnaryCall;
  nodeRunCommand(argument: _ganeti_RunCommandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RunCommandResponse__Output>): grpc.ClientUnaryCall;
  nodeRunCommand(argument: _ganeti_RunCommandRequest, callback: grpc.requestCallback<_ganeti_RunCommandResponse__Output>): grpc.ClientUnaryCall;
  
  NodeStopMaster(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeStopMaster(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeStopMaster(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  NodeStopMaster(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeStopMaster(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeStopMaster(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeStopMaster(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  nodeStopMaster(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  NodeVerify(argument: _ganeti_NodeVerifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeVerifyResponse__Output>): grpc.ClientUnaryCall;
  NodeVerify(argument: _ganeti_NodeVerifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_NodeVerifyResponse__Output>): grpc.ClientUnaryCall;
  NodeVerify(argument: _ganeti_NodeVerifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeVerifyResponse__Output>): grpc.ClientUnaryCall;
  NodeVerify(argument: _ganeti_NodeVerifyRequest, callback: grpc.requestCallback<_ganeti_NodeVerifyResponse__Output>): grpc.ClientUnaryCall;
  nodeVerify(argument: _ganeti_NodeVerifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeVerifyResponse__Output>): grpc.ClientUnaryCall;
  nodeVerify(argument: _ganeti_NodeVerifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_NodeVerifyResponse__Output>): grpc.ClientUnaryCall;
  nodeVerify(argument: _ganeti_NodeVerifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeVerifyResponse__Output>): grpc.ClientUnaryCall;
  nodeVerify(argument: _ganeti_NodeVerifyRequest, callback: grpc.requestCallback<_ganeti_NodeVerifyResponse__Output>): grpc.ClientUnaryCall;
  
  NodeVolumes(argument: _ganeti_NodeVolumesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeVolumesResponse__Output>): grpc.ClientUnaryCall;
  NodeVolumes(argument: _ganeti_NodeVolumesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_NodeVolumesResponse__Output>): grpc.ClientUnaryCall;
  NodeVolumes(argument: _ganeti_NodeVolumesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeVolumesResponse__Output>): grpc.ClientUnaryCall;
  NodeVolumes(argument: _ganeti_NodeVolumesRequest, callback: grpc.requestCallback<_ganeti_NodeVolumesResponse__Output>): grpc.ClientUnaryCall;
  nodeVolumes(argument: _ganeti_NodeVolumesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeVolumesResponse__Output>): grpc.ClientUnaryCall;
  nodeVolumes(argument: _ganeti_NodeVolumesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_NodeVolumesResponse__Output>): grpc.ClientUnaryCall;
  nodeVolumes(argument: _ganeti_NodeVolumesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_NodeVolumesResponse__Output>): grpc.ClientUnaryCall;
  nodeVolumes(argument: _ganeti_NodeVolumesRequest, callback: grpc.requestCallback<_ganeti_NodeVolumesResponse__Output>): grpc.ClientUnaryCall;
  
  OsDiagnose(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  OsDiagnose(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_OsDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  OsDiagnose(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  OsDiagnose(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_OsDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  osDiagnose(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  osDiagnose(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_OsDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  osDiagnose(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  osDiagnose(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_OsDiagnoseResponse__Output>): grpc.ClientUnaryCall;
  
  OsValidate(argument: _ganeti_OsValidateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsValidateResponse__Output>): grpc.ClientUnaryCall;
  OsValidate(argument: _ganeti_OsValidateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_OsValidateResponse__Output>): grpc.ClientUnaryCall;
  OsValidate(argument: _ganeti_OsValidateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsValidateResponse__Output>): grpc.ClientUnaryCall;
  OsValidate(argument: _ganeti_OsValidateRequest, callback: grpc.requestCallback<_ganeti_OsValidateResponse__Output>): grpc.ClientUnaryCall;
  osValidate(argument: _ganeti_OsValidateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsValidateResponse__Output>): grpc.ClientUnaryCall;
  osValidate(argument: _ganeti_OsValidateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_OsValidateResponse__Output>): grpc.ClientUnaryCall;
  osValidate(argument: _ganeti_OsValidateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_OsValidateResponse__Output>): grpc.ClientUnaryCall;
  osValidate(argument: _ganeti_OsValidateRequest, callback: grpc.requestCallback<_ganeti_OsValidateResponse__Output>): grpc.ClientUnaryCall;
  
  ReadClusterConfig(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ClusterConfigFile__Output>): grpc.ClientUnaryCall;
  ReadClusterConfig(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ClusterConfigFile__Output>): grpc.ClientUnaryCall;
  ReadClusterConfig(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ClusterConfigFile__Output>): grpc.ClientUnaryCall;
  ReadClusterConfig(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_ClusterConfigFile__Output>): grpc.ClientUnaryCall;
  readClusterConfig(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ClusterConfigFile__Output>): grpc.ClientUnaryCall;
  readClusterConfig(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ClusterConfigFile__Output>): grpc.ClientUnaryCall;
  readClusterConfig(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ClusterConfigFile__Output>): grpc.ClientUnaryCall;
  readClusterConfig(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_ClusterConfigFile__Output>): grpc.ClientUnaryCall;
  
  ReadJobQueue(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobQueueFiles__Output>): grpc.ClientUnaryCall;
  ReadJobQueue(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JobQueueFiles__Output>): grpc.ClientUnaryCall;
  ReadJobQueue(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobQueueFiles__Output>): grpc.ClientUnaryCall;
  ReadJobQueue(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_JobQueueFiles__Output>): grpc.ClientUnaryCall;
  readJobQueue(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobQueueFiles__Output>): grpc.ClientUnaryCall;
  readJobQueue(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JobQueueFiles__Output>): grpc.ClientUnaryCall;
  readJobQueue(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobQueueFiles__Output>): grpc.ClientUnaryCall;
  readJobQueue(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_JobQueueFiles__Output>): grpc.ClientUnaryCall;
  
  RestrictedCommand(argument: _ganeti_RestrictedCommandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RestrictedCommandResponse__Output>): grpc.ClientUnaryCall;
  RestrictedCommand(argument: _ganeti_RestrictedCommandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_RestrictedCommandResponse__Output>): grpc.ClientUnaryCall;
  RestrictedCommand(argument: _ganeti_RestrictedCommandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RestrictedCommandResponse__Output>): grpc.ClientUnaryCall;
  RestrictedCommand(argument: _ganeti_RestrictedCommandRequest, callback: grpc.requestCallback<_ganeti_RestrictedCommandResponse__Output>): grpc.ClientUnaryCall;
  restrictedCommand(argument: _ganeti_RestrictedCommandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RestrictedCommandResponse__Output>): grpc.ClientUnaryCall;
  restrictedCommand(argument: _ganeti_RestrictedCommandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_RestrictedCommandResponse__Output>): grpc.ClientUnaryCall;
  restrictedCommand(argument: _ganeti_RestrictedCommandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RestrictedCommandResponse__Output>): grpc.ClientUnaryCall;
  restrictedCommand(argument: _ganeti_RestrictedCommandRequest, callback: grpc.requestCallback<_ganeti_RestrictedCommandResponse__Output>): grpc.ClientUnaryCall;
  
  RunOob(argument: _ganeti_RunOobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RunOobResponse__Output>): grpc.ClientUnaryCall;
  RunOob(argument: _ganeti_RunOobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_RunOobResponse__Output>): grpc.ClientUnaryCall;
  RunOob(argument: _ganeti_RunOobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RunOobResponse__Output>): grpc.ClientUnaryCall;
  RunOob(argument: _ganeti_RunOobRequest, callback: grpc.requestCallback<_ganeti_RunOobResponse__Output>): grpc.ClientUnaryCall;
  runOob(argument: _ganeti_RunOobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RunOobResponse__Output>): grpc.ClientUnaryCall;
  runOob(argument: _ganeti_RunOobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_RunOobResponse__Output>): grpc.ClientUnaryCall;
  runOob(argument: _ganeti_RunOobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_RunOobResponse__Output>): grpc.ClientUnaryCall;
  runOob(argument: _ganeti_RunOobRequest, callback: grpc.requestCallback<_ganeti_RunOobResponse__Output>): grpc.ClientUnaryCall;
  
  StorageList(argument: _ganeti_StorageListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_StorageListResponse__Output>): grpc.ClientUnaryCall;
  StorageList(argument: _ganeti_StorageListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_StorageListResponse__Output>): grpc.ClientUnaryCall;
  StorageList(argument: _ganeti_StorageListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_StorageListResponse__Output>): grpc.ClientUnaryCall;
  StorageList(argument: _ganeti_StorageListRequest, callback: grpc.requestCallback<_ganeti_StorageListResponse__Output>): grpc.ClientUnaryCall;
  storageList(argument: _ganeti_StorageListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_StorageListResponse__Output>): grpc.ClientUnaryCall;
  storageList(argument: _ganeti_StorageListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_StorageListResponse__Output>): grpc.ClientUnaryCall;
  storageList(argument: _ganeti_StorageListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_StorageListResponse__Output>): grpc.ClientUnaryCall;
  storageList(argument: _ganeti_StorageListRequest, callback: grpc.requestCallback<_ganeti_StorageListResponse__Output>): grpc.ClientUnaryCall;
  
  TestDelay(argument: _ganeti_TestDelayRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  TestDelay(argument: _ganeti_TestDelayRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  TestDelay(argument: _ganeti_TestDelayRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  TestDelay(argument: _ganeti_TestDelayRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  testDelay(argument: _ganeti_TestDelayRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  testDelay(argument: _ganeti_TestDelayRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  testDelay(argument: _ganeti_TestDelayRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  testDelay(argument: _ganeti_TestDelayRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  UploadConfigDeltas(argument: _ganeti_ConfigDeltasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ConfigDeltasResponse__Output>): grpc.ClientUnaryCall;
  UploadConfigDeltas(argument: _ganeti_ConfigDeltasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ConfigDeltasResponse__Output>): grpc.ClientUnaryCall;
  UploadConfigDeltas(argument: _ganeti_ConfigDeltasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ConfigDeltasResponse__Output>): grpc.ClientUnaryCall;
  UploadConfigDeltas(argument: _ganeti_ConfigDeltasRequest, callback: grpc.requestCallback<_ganeti_ConfigDeltasResponse__Output>): grpc.ClientUnaryCall;
  uploadConfigDeltas(argument: _ganeti_ConfigDeltasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ConfigDeltasResponse__Output>): grpc.ClientUnaryCall;
  uploadConfigDeltas(argument: _ganeti_ConfigDeltasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_ConfigDeltasResponse__Output>): grpc.ClientUnaryCall;
  uploadConfigDeltas(argument: _ganeti_ConfigDeltasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_ConfigDeltasResponse__Output>): grpc.ClientUnaryCall;
  uploadConfigDeltas(argument: _ganeti_ConfigDeltasRequest, callback: grpc.requestCallback<_ganeti_ConfigDeltasResponse__Output>): grpc.ClientUnaryCall;
  
  UploadFile(argument: _ganeti_UploadFileRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  UploadFile(argument: _ganeti_UploadFileRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  UploadFile(argument: _ganeti_UploadFileRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  UploadFile(argument: _ganeti_UploadFileRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  uploadFile(argument: _ganeti_UploadFileRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  uploadFile(argument: _ganeti_UploadFileRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  uploadFile(argument: _ganeti_UploadFileRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  uploadFile(argument: _ganeti_UploadFileRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  Version(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_VersionResponse__Output>): grpc.ClientUnaryCall;
  Version(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_VersionResponse__Output>): grpc.ClientUnaryCall;
  Version(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_VersionResponse__Output>): grpc.ClientUnaryCall;
  Version(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_VersionResponse__Output>): grpc.ClientUnaryCall;
  version(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_VersionResponse__Output>): grpc.ClientUnaryCall;
  version(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_VersionResponse__Output>): grpc.ClientUnaryCall;
  version(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_VersionResponse__Output>): grpc.ClientUnaryCall;
  version(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_VersionResponse__Output>): grpc.ClientUnaryCall;
  
  WriteSsconfFiles(argument: _ganeti_WriteSsconfRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  WriteSsconfFiles(argument: _ganeti_WriteSsconfRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  WriteSsconfFiles(argument: _ganeti_WriteSsconfRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  WriteSsconfFiles(argument: _ganeti_WriteSsconfRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  writeSsconfFiles(argument: _ganeti_WriteSsconfRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  writeSsconfFiles(argument: _ganeti_WriteSsconfRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  writeSsconfFiles(argument: _ganeti_WriteSsconfRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  writeSsconfFiles(argument: _ganeti_WriteSsconfRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
}

export interface NodeDaemonHandlers extends grpc.UntypedServiceImplementation {
  AcceptInstance: grpc.handleUnaryCall<_ganeti_AcceptInstanceRequest__Output, _ganeti_Empty>;
  
  BlockdevAssemble: grpc.handleUnaryCall<_ganeti_BlockdevRequest__Output, _ganeti_BlockdevAssembleResponse>;
  
  BlockdevCreate: grpc.handleUnaryCall<_ganeti_BlockdevRequest__Output, _ganeti_BlockdevCreateResponse>;
  
  BlockdevGetDimensions: grpc.handleUnaryCall<_ganeti_BlockdevRequest__Output, _ganeti_BlockdevDimensionsResponse>;
  
  BlockdevGrow: grpc.handleUnaryCall<_ganeti_BlockdevGrowRequest__Output, _ganeti_BlockdevGrowResponse>;
  
  BlockdevRemove: grpc.handleUnaryCall<_ganeti_BlockdevRequest__Output, _ganeti_Empty>;
  
  BlockdevRename: grpc.handleUnaryCall<_ganeti_BlockdevRenameRequest__Output, _ganeti_BlockdevCreateResponse>;
  
  BlockdevResetOverlay: grpc.handleUnaryCall<_ganeti_BlockdevRequest__Output, _ganeti_Empty>;
  
  BlockdevRevert: grpc.handleUnaryCall<_ganeti_BlockdevRevertRequest__Output, _ganeti_Empty>;
  
  BlockdevSaveAs: grpc.handleUnaryCall<_ganeti_BlockdevSaveAsRequest__Output, _ganeti_BlockdevCreateResponse>;
  
  BlockdevShutdown: grpc.handleUnaryCall<_ganeti_BlockdevRequest__Output, _ganeti_Empty>;
  
  BlockdevSnapshot: grpc.handleUnaryCall<_ganeti_BlockdevSnapshotRequest__Output, _ganeti_BlockdevCreateResponse>;
  
  ExportFinalize: grpc.handleUnaryCall<_ganeti_ExportFinalizeRequest__Output, _ganeti_Empty>;
  
  ExportGrantPull: grpc.handleUnaryCall<_ganeti_ExportGrantRequest__Output, _ganeti_Empty>;
  
  ExportInfo: grpc.handleUnaryCall<_ganeti_ExportNameRequest__Output, _ganeti_ExportInfoResponse>;
  
  ExportList: grpc.handleUnaryCall<_ganeti_Empty__Output, _ganeti_ExportListResponse>;
  
  ExportPrepare: grpc.handleUnaryCall<_ganeti_ExportPrepareRequest__Output, _ganeti_ExportPrepareResponse>;
  
  ExportPull: grpc.handleUnaryCall<_ganeti_ExportPullRequest__Output, _ganeti_Empty>;
  
  ExportReadChunk: grpc.handleUnaryCall<_ganeti_ExportChunkRequest__Output, _ganeti_ExportChunkResponse>;
  
  ExportRemove: grpc.handleUnaryCall<_ganeti_ExportNameRequest__Output, _ganeti_Empty>;
  
  ExtStorageDiagnose: grpc.handleUnaryCall<_ganeti_Empty__Output, _ganeti_ExtStorageDiagnoseResponse>;
  
  InstanceContinue: grpc.handleUnaryCall<_ganeti_InstanceLifecycleRequest__Output, _ganeti_Empty>;
  
  InstanceFinalizeMigrationDst: grpc.handleUnaryCall<_ganeti_FinalizeMigrationRequest__Output, _ganeti_Empty>;
  
  InstanceFinalizeMigrationSrc: grpc.handleUnaryCall<_ganeti_FinalizeMigrationRequest__Output, _ganeti_Empty>;
  
  InstanceGetMigrationStatus: grpc.handleUnaryCall<_ganeti_MigrationRequest__Output, _ganeti_MigrationStatusResponse>;
  
  InstanceInfo: grpc.handleUnaryCall<_ganeti_InstanceInfoRequest__Output, _ganeti_InstanceRuntime>;
  
  InstanceList: grpc.handleUnaryCall<_ganeti_InstanceListRequest__Output, _ganeti_InstanceListResponse>;
  
  InstanceListTagged: grpc.handleUnaryCall<_ganeti_InstanceListTaggedRequest__Output, _ganeti_InstanceListTaggedResponse>;
  
  InstanceMigrate: grpc.handleUnaryCall<_ganeti_InstanceMigrateRequest__Output, _ganeti_Empty>;
  
  InstanceOsAdd: grpc.handleUnaryCall<_ganeti_InstanceOsRequest__Output, _ganeti_OsScriptResult>;
  
  InstanceOsRename: grpc.handleUnaryCall<_ganeti_InstanceOsRenameRequest__Output, _ganeti_OsScriptResult>;
  
  InstancePause: grpc.handleUnaryCall<_ganeti_InstanceLifecycleRequest__Output, _ganeti_Empty>;
  
  InstanceReboot: grpc.handleUnaryCall<_ganeti_InstanceRebootRequest__Output, _ganeti_Empty>;
  
  InstanceResume: grpc.handleUnaryCall<_ganeti_InstanceLifecycleRequest__Output, _ganeti_Empty>;
  
  InstanceShutdown: grpc.handleUnaryCall<_ganeti_InstanceShutdownRequest__Output, _ganeti_Empty>;
  
  InstanceSnapshotDisks: grpc.handleUnaryCall<_ganeti_InstanceSnapshotRequest__Output, _ganeti_InstanceSnapshotResponse>;
  
  InstanceStart: grpc.handleUnaryCall<_ganeti_InstanceStartRequest__Output, _ganeti_Empty>;
  
  InstanceStateRemove: grpc.handleUnaryCall<_ganeti_InstanceLifecycleRequest__Output, _ganeti_Empty>;
  
  InstanceSuspend: grpc.handleUnaryCall<_ganeti_InstanceLifecycleRequest__Output, _ganeti_Empty>;
  
  JobQueueUpdate: grpc.handleUnaryCall<_ganeti_JobQueueUpdateRequest__Output, _ganeti_JobQueueUpdateResponse>;
  
  MasterInfo: grpc.handleUnaryCall<_ganeti_Empty__Output, _ganeti_MasterInfoResponse>;
  
  MigrationInfo: grpc.handleUnaryCall<_ganeti_MigrationRequest__Output, _ganeti_MigrationInfoResponse>;
  
  NodeActivateMasterIp: grpc.handleUnaryCall<_ganeti_MasterIpRequest__Output, _ganeti_Empty>;
  
  NodeCopyFile: grpc.handleUnaryCall<_ganeti_CopyFileRequest__Output, _ganeti_Empty>;
  
  NodeDeactivateMasterIp: grpc.handleUnaryCall<_ganeti_MasterIpRequest__Output, _ganeti_Empty>;
  
  NodeInfo: grpc.handleUnaryCall<_ganeti_NodeInfoRequest__Output, _ganeti_NodeInfoResponse>;
  
  NodeLeaveCluster: grpc.handleUnaryCall<_ganeti_Empty__Output, _ganeti_Empty>;
  
  NodeRunCommand: grpc.handleUnaryCall<_ganeti_RunCommandRequest__Output, _ganeti_RunCommandResponse>;
  
  NodeStopMaster: grpc.handleUnaryCall<_ganeti_Empty__Output, _ganeti_Empty>;
  
  NodeVerify: grpc.handleUnaryCall<_ganeti_NodeVerifyRequest__Output, _ganeti_NodeVerifyResponse>;
  
  NodeVolumes: grpc.handleUnaryCall<_ganeti_NodeVolumesRequest__Output, _ganeti_NodeVolumesResponse>;
  
  OsDiagnose: grpc.handleUnaryCall<_ganeti_Empty__Output, _ganeti_OsDiagnoseResponse>;
  
  OsValidate: grpc.handleUnaryCall<_ganeti_OsValidateRequest__Output, _ganeti_OsValidateResponse>;
  
  ReadClusterConfig: grpc.handleUnaryCall<_ganeti_Empty__Output, _ganeti_ClusterConfigFile>;
  
  ReadJobQueue: grpc.handleUnaryCall<_ganeti_Empty__Output, _ganeti_JobQueueFiles>;
  
  RestrictedCommand: grpc.handleUnaryCall<_ganeti_RestrictedCommandRequest__Output, _ganeti_RestrictedCommandResponse>;
  
  RunOob: grpc.handleUnaryCall<_ganeti_RunOobRequest__Output, _ganeti_RunOobResponse>;
  
  StorageList: grpc.handleUnaryCall<_ganeti_StorageListRequest__Output, _ganeti_StorageListResponse>;
  
  TestDelay: grpc.handleUnaryCall<_ganeti_TestDelayRequest__Output, _ganeti_Empty>;
  
  UploadConfigDeltas: grpc.handleUnaryCall<_ganeti_ConfigDeltasRequest__Output, _ganeti_ConfigDeltasResponse>;
  
  UploadFile: grpc.handleUnaryCall<_ganeti_UploadFileRequest__Output, _ganeti_Empty>;
  
  Version: grpc.handleUnaryCall<_ganeti_Empty__Output, _ganeti_VersionResponse>;
  
  WriteSsconfFiles: grpc.handleUnaryCall<_ganeti_WriteSsconfRequest__Output, _ganeti_Empty>;
  
}

export interface NodeDaemonDefinition extends grpc.ServiceDefinition {
  AcceptInstance: MethodDefinition<_ganeti_AcceptInstanceRequest, _ganeti_Empty, _ganeti_AcceptInstanceRequest__Output, _ganeti_Empty__Output>
  BlockdevAssemble: MethodDefinition<_ganeti_BlockdevRequest, _ganeti_BlockdevAssembleResponse, _ganeti_BlockdevRequest__Output, _ganeti_BlockdevAssembleResponse__Output>
  BlockdevCreate: MethodDefinition<_ganeti_BlockdevRequest, _ganeti_BlockdevCreateResponse, _ganeti_BlockdevRequest__Output, _ganeti_BlockdevCreateResponse__Output>
  BlockdevGetDimensions: MethodDefinition<_ganeti_BlockdevRequest, _ganeti_BlockdevDimensionsResponse, _ganeti_BlockdevRequest__Output, _ganeti_BlockdevDimensionsResponse__Output>
  BlockdevGrow: MethodDefinition<_ganeti_BlockdevGrowRequest, _ganeti_BlockdevGrowResponse, _ganeti_BlockdevGrowRequest__Output, _ganeti_BlockdevGrowResponse__Output>
  BlockdevRemove: MethodDefinition<_ganeti_BlockdevRequest, _ganeti_Empty, _ganeti_BlockdevRequest__Output, _ganeti_Empty__Output>
  BlockdevRename: MethodDefinition<_ganeti_BlockdevRenameRequest, _ganeti_BlockdevCreateResponse, _ganeti_BlockdevRenameRequest__Output, _ganeti_BlockdevCreateResponse__Output>
  BlockdevResetOverlay: MethodDefinition<_ganeti_BlockdevRequest, _ganeti_Empty, _ganeti_BlockdevRequest__Output, _ganeti_Empty__Output>
  BlockdevRevert: MethodDefinition<_ganeti_BlockdevRevertRequest, _ganeti_Empty, _ganeti_BlockdevRevertRequest__Output, _ganeti_Empty__Output>
  BlockdevSaveAs: MethodDefinition<_ganeti_BlockdevSaveAsRequest, _ganeti_BlockdevCreateResponse, _ganeti_BlockdevSaveAsRequest__Output, _ganeti_BlockdevCreateResponse__Output>
  BlockdevShutdown: MethodDefinition<_ganeti_BlockdevRequest, _ganeti_Empty, _ganeti_BlockdevRequest__Output, _ganeti_Empty__Output>
  BlockdevSnapshot: MethodDefinition<_ganeti_BlockdevSnapshotRequest, _ganeti_BlockdevCreateResponse, _ganeti_BlockdevSnapshotRequest__Output, _ganeti_BlockdevCreateResponse__Output>
  ExportFinalize: MethodDefinition<_ganeti_ExportFinalizeRequest, _ganeti_Empty, _ganeti_ExportFinalizeRequest__Output, _ganeti_Empty__Output>
  ExportGrantPull: MethodDefinition<_ganeti_ExportGrantRequest, _ganeti_Empty, _ganeti_ExportGrantRequest__Output, _ganeti_Empty__Output>
  ExportInfo: MethodDefinition<_ganeti_ExportNameRequest, _ganeti_ExportInfoResponse, _ganeti_ExportNameRequest__Output, _ganeti_ExportInfoResponse__Output>
  ExportList: MethodDefinition<_ganeti_Empty, _ganeti_ExportListResponse, _ganeti_Empty__Output, _ganeti_ExportListResponse__Output>
  ExportPrepare: MethodDefinition<_ganeti_ExportPrepareRequest, _ganeti_ExportPrepareResponse, _ganeti_ExportPrepareRequest__Output, _ganeti_ExportPrepareResponse__Output>
  ExportPull: MethodDefinition<_ganeti_ExportPullRequest, _ganeti_Empty, _ganeti_ExportPullRequest__Output, _ganeti_Empty__Output>
  ExportReadChunk: MethodDefinition<_ganeti_ExportChunkRequest, _ganeti_ExportChunkResponse, _ganeti_ExportChunkRequest__Output, _ganeti_ExportChunkResponse__Output>
  ExportRemove: MethodDefinition<_ganeti_ExportNameRequest, _ganeti_Empty, _ganeti_ExportNameRequest__Output, _ganeti_Empty__Output>
  ExtStorageDiagnose: MethodDefinition<_ganeti_Empty, _ganeti_ExtStorageDiagnoseResponse, _ganeti_Empty__Output, _ganeti_ExtStorageDiagnoseResponse__Output>
  InstanceContinue: MethodDefinition<_ganeti_InstanceLifecycleRequest, _ganeti_Empty, _ganeti_InstanceLifecycleRequest__Output, _ganeti_Empty__Output>
  InstanceFinalizeMigrationDst: MethodDefinition<_ganeti_FinalizeMigrationRequest, _ganeti_Empty, _ganeti_FinalizeMigrationRequest__Output, _ganeti_Empty__Output>
  InstanceFinalizeMigrationSrc: MethodDefinition<_ganeti_FinalizeMigrationRequest, _ganeti_Empty, _ganeti_FinalizeMigrationRequest__Output, _ganeti_Empty__Output>
  InstanceGetMigrationStatus: MethodDefinition<_ganeti_MigrationRequest, _ganeti_MigrationStatusResponse, _ganeti_MigrationRequest__Output, _ganeti_MigrationStatusResponse__Output>
  InstanceInfo: MethodDefinition<_ganeti_InstanceInfoRequest, _ganeti_InstanceRuntime, _ganeti_InstanceInfoRequest__Output, _ganeti_InstanceRuntime__Output>
  InstanceList: MethodDefinition<_ganeti_InstanceListRequest, _ganeti_InstanceListResponse, _ganeti_InstanceListRequest__Output, _ganeti_InstanceListResponse__Output>
  InstanceListTagged: MethodDefinition<_ganeti_InstanceListTaggedRequest, _ganeti_InstanceListTaggedResponse, _ganeti_InstanceListTaggedRequest__Output, _ganeti_InstanceListTaggedResponse__Output>
  InstanceMigrate: MethodDefinition<_ganeti_InstanceMigrateRequest, _ganeti_Empty, _ganeti_InstanceMigrateRequest__Output, _ganeti_Empty__Output>
  InstanceOsAdd: MethodDefinition<_ganeti_InstanceOsRequest, _ganeti_OsScriptResult, _ganeti_InstanceOsRequest__Output, _ganeti_OsScriptResult__Output>
  InstanceOsRename: MethodDefinition<_ganeti_InstanceOsRenameRequest, _ganeti_OsScriptResult, _ganeti_InstanceOsRenameRequest__Output, _ganeti_OsScriptResult__Output>
  InstancePause: MethodDefinition<_ganeti_InstanceLifecycleRequest, _ganeti_Empty, _ganeti_InstanceLifecycleRequest__Output, _ganeti_Empty__Output>
  InstanceReboot: MethodDefinition<_ganeti_InstanceRebootRequest, _ganeti_Empty, _ganeti_InstanceRebootRequest__Output, _ganeti_Empty__Output>
  InstanceResume: MethodDefinition<_ganeti_InstanceLifecycleRequest, _ganeti_Empty, _ganeti_InstanceLifecycleRequest__Output, _ganeti_Empty__Output>
  InstanceShutdown: MethodDefinition<_ganeti_InstanceShutdownRequest, _ganeti_Empty, _ganeti_InstanceShutdownRequest__Output, _ganeti_Empty__Output>
  InstanceSnapshotDisks: MethodDefinition<_ganeti_InstanceSnapshotRequest, _ganeti_InstanceSnapshotResponse, _ganeti_InstanceSnapshotRequest__Output, _ganeti_InstanceSnapshotResponse__Output>
  InstanceStart: MethodDefinition<_ganeti_InstanceStartRequest, _ganeti_Empty, _ganeti_InstanceStartRequest__Output, _ganeti_Empty__Output>
  InstanceStateRemove: MethodDefinition<_ganeti_InstanceLifecycleRequest, _ganeti_Empty, _ganeti_InstanceLifecycleRequest__Output, _ganeti_Empty__Output>
  InstanceSuspend: MethodDefinition<_ganeti_InstanceLifecycleRequest, _ganeti_Empty, _ganeti_InstanceLifecycleRequest__Output, _ganeti_Empty__Output>
  JobQueueUpdate: MethodDefinition<_ganeti_JobQueueUpdateRequest, _ganeti_JobQueueUpdateResponse, _ganeti_JobQueueUpdateRequest__Output, _ganeti_JobQueueUpdateResponse__Output>
  MasterInfo: MethodDefinition<_ganeti_Empty, _ganeti_MasterInfoResponse, _ganeti_Empty__Output, _ganeti_MasterInfoResponse__Output>
  MigrationInfo: MethodDefinition<_ganeti_MigrationRequest, _ganeti_MigrationInfoResponse, _ganeti_MigrationRequest__Output, _ganeti_MigrationInfoResponse__Output>
  NodeActivateMasterIp: MethodDefinition<_ganeti_MasterIpRequest, _ganeti_Empty, _ganeti_MasterIpRequest__Output, _ganeti_Empty__Output>
  NodeCopyFile: MethodDefinition<_ganeti_CopyFileRequest, _ganeti_Empty, _ganeti_CopyFileRequest__Output, _ganeti_Empty__Output>
  NodeDeactivateMasterIp: MethodDefinition<_ganeti_MasterIpRequest, _ganeti_Empty, _ganeti_MasterIpRequest__Output, _ganeti_Empty__Output>
  NodeInfo: MethodDefinition<_ganeti_NodeInfoRequest, _ganeti_NodeInfoResponse, _ganeti_NodeInfoRequest__Output, _ganeti_NodeInfoResponse__Output>
  NodeLeaveCluster: MethodDefinition<_ganeti_Empty, _ganeti_Empty, _ganeti_Empty__Output, _ganeti_Empty__Output>
  NodeRunCommand: MethodDefinition<_ganeti_RunCommandRequest, _ganeti_RunCommandResponse, _ganeti_RunCommandRequest__Output, _ganeti_RunCommandResponse__Output>
  NodeStopMaster: MethodDefinition<_ganeti_Empty, _ganeti_Empty, _ganeti_Empty__Output, _ganeti_Empty__Output>
  NodeVerify: MethodDefinition<_ganeti_NodeVerifyRequest, _ganeti_NodeVerifyResponse, _ganeti_NodeVerifyRequest__Output, _ganeti_NodeVerifyResponse__Output>
  NodeVolumes: MethodDefinition<_ganeti_NodeVolumesRequest, _ganeti_NodeVolumesResponse, _ganeti_NodeVolumesRequest__Output, _ganeti_NodeVolumesResponse__Output>
  OsDiagnose: MethodDefinition<_ganeti_Empty, _ganeti_OsDiagnoseResponse, _ganeti_Empty__Output, _ganeti_OsDiagnoseResponse__Output>
  OsValidate: MethodDefinition<_ganeti_OsValidateRequest, _ganeti_OsValidateResponse, _ganeti_OsValidateRequest__Output, _ganeti_OsValidateResponse__Output>
  ReadClusterConfig: MethodDefinition<_ganeti_Empty, _ganeti_ClusterConfigFile, _ganeti_Empty__Output, _ganeti_ClusterConfigFile__Output>
  ReadJobQueue: MethodDefinition<_ganeti_Empty, _ganeti_JobQueueFiles, _ganeti_Empty__Output, _ganeti_JobQueueFiles__Output>
  RestrictedCommand: MethodDefinition<_ganeti_RestrictedCommandRequest, _ganeti_RestrictedCommandResponse, _ganeti_RestrictedCommandRequest__Output, _ganeti_RestrictedCommandResponse__Output>
  RunOob: MethodDefinition<_ganeti_RunOobRequest, _ganeti_RunOobResponse, _ganeti_RunOobRequest__Output, _ganeti_RunOobResponse__Output>
  StorageList: MethodDefinition<_ganeti_StorageListRequest, _ganeti_StorageListResponse, _ganeti_StorageListRequest__Output, _ganeti_StorageListResponse__Output>
  TestDelay: MethodDefinition<_ganeti_TestDelayRequest, _ganeti_Empty, _ganeti_TestDelayRequest__Output, _ganeti_Empty__Output>
  UploadConfigDeltas: MethodDefinition<_ganeti_ConfigDeltasRequest, _ganeti_ConfigDeltasResponse, _ganeti_ConfigDeltasRequest__Output, _ganeti_ConfigDeltasResponse__Output>
  UploadFile: MethodDefinition<_ganeti_UploadFileRequest, _ganeti_Empty, _ganeti_UploadFileRequest__Output, _ganeti_Empty__Output>
  Version: MethodDefinition<_ganeti_Empty, _ganeti_VersionResponse, _ganeti_Empty__Output, _ganeti_VersionResponse__Output>
  WriteSsconfFiles: MethodDefinition<_ganeti_WriteSsconfRequest, _ganeti_Empty, _ganeti_WriteSsconfRequest__Output, _ganeti_Empty__Output>
}
