import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AutoArchiveRequest as _ganeti_AutoArchiveRequest, AutoArchiveRequest__Output as _ganeti_AutoArchiveRequest__Output } from './ganeti/AutoArchiveRequest.js';
import type { AutoArchiveResponse as _ganeti_AutoArchiveResponse, AutoArchiveResponse__Output as _ganeti_AutoArchiveResponse__Output } from './ganeti/AutoArchiveResponse.js';
import type { Cell as _ganeti_Cell, Cell__Output as _ganeti_Cell__Output } from './ganeti/Cell.js';
import type { ChangePriorityRequest as _ganeti_ChangePriorityRequest, ChangePriorityRequest__Output as _ganeti_ChangePriorityRequest__Output } from './ganeti/ChangePriorityRequest.js';
import type { Disk as _ganeti_Disk, Disk__Output as _ganeti_Disk__Output } from './ganeti/Disk.js';
import type { Empty as _ganeti_Empty, Empty__Output as _ganeti_Empty__Output } from './ganeti/Empty.js';
import type { EncodedError as _ganeti_EncodedError, EncodedError__Output as _ganeti_EncodedError__Output } from './ganeti/EncodedError.js';
import type { FieldDefinition as _ganeti_FieldDefinition, FieldDefinition__Output as _ganeti_FieldDefinition__Output } from './ganeti/FieldDefinition.js';
import type { FinishedJobsResponse as _ganeti_FinishedJobsResponse, FinishedJobsResponse__Output as _ganeti_FinishedJobsResponse__Output } from './ganeti/FinishedJobsResponse.js';
import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from './ganeti/Instance.js';
import type { JobActionResponse as _ganeti_JobActionResponse, JobActionResponse__Output as _ganeti_JobActionResponse__Output } from './ganeti/JobActionResponse.js';
import type { JobChange as _ganeti_JobChange, JobChange__Output as _ganeti_JobChange__Output } from './ganeti/JobChange.js';
import type { JobIdRequest as _ganeti_JobIdRequest, JobIdRequest__Output as _ganeti_JobIdRequest__Output } from './ganeti/JobIdRequest.js';
import type { JobIdsRequest as _ganeti_JobIdsRequest, JobIdsRequest__Output as _ganeti_JobIdsRequest__Output } from './ganeti/JobIdsRequest.js';
import type { JobSubmission as _ganeti_JobSubmission, JobSubmission__Output as _ganeti_JobSubmission__Output } from './ganeti/JobSubmission.js';
import type { JsonResponse as _ganeti_JsonResponse, JsonResponse__Output as _ganeti_JsonResponse__Output } from './ganeti/JsonResponse.js';
import type { LogEntry as _ganeti_LogEntry, LogEntry__Output as _ganeti_LogEntry__Output } from './ganeti/LogEntry.js';
import type { MasterClient as _ganeti_MasterClient, MasterDefinition as _ganeti_MasterDefinition } from './ganeti/Master.js';
import type { Nic as _ganeti_Nic, Nic__Output as _ganeti_Nic__Output } from './ganeti/Nic.js';
import type { QueryConfigValuesRequest as _ganeti_QueryConfigValuesRequest, QueryConfigValuesRequest__Output as _ganeti_QueryConfigValuesRequest__Output } from './ganeti/QueryConfigValuesRequest.js';
import type { QueryFieldsRequest as _ganeti_QueryFieldsRequest, QueryFieldsRequest__Output as _ganeti_QueryFieldsRequest__Output } from './ganeti/QueryFieldsRequest.js';
import type { QueryRequest as _ganeti_QueryRequest, QueryRequest__Output as _ganeti_QueryRequest__Output } from './ganeti/QueryRequest.js';
import type { QueryResponse as _ganeti_QueryResponse, QueryResponse__Output as _ganeti_QueryResponse__Output } from './ganeti/QueryResponse.js';
import type { Row as _ganeti_Row, Row__Output as _ganeti_Row__Output } from './ganeti/Row.js';
import type { SetDrainedRequest as _ganeti_SetDrainedRequest, SetDrainedRequest__Output as _ganeti_SetDrainedRequest__Output } from './ganeti/SetDrainedRequest.js';
import type { SubmitJobsRequest as _ganeti_SubmitJobsRequest, SubmitJobsRequest__Output as _ganeti_SubmitJobsRequest__Output } from './ganeti/SubmitJobsRequest.js';
import type { SubmitJobsResponse as _ganeti_SubmitJobsResponse, SubmitJobsResponse__Output as _ganeti_SubmitJobsResponse__Output } from './ganeti/SubmitJobsResponse.js';
import type { SubmitResult as _ganeti_SubmitResult, SubmitResult__Output as _ganeti_SubmitResult__Output } from './ganeti/SubmitResult.js';
import type { WatchJobRequest as _ganeti_WatchJobRequest, WatchJobRequest__Output as _ganeti_WatchJobRequest__Output } from './ganeti/WatchJobRequest.js';
import type { WatcherPauseRequest as _ganeti_WatcherPauseRequest, WatcherPauseRequest__Output as _ganeti_WatcherPauseRequest__Output } from './ganeti/WatcherPauseRequest.js';
import type { WatcherPauseResponse as _ganeti_WatcherPauseResponse, WatcherPauseResponse__Output as _ganeti_WatcherPauseResponse__Output } from './ganeti/WatcherPauseResponse.js';
import type { WconfdRequest as _ganeti_WconfdRequest, WconfdRequest__Output as _ganeti_WconfdRequest__Output } from './ganeti/WconfdRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ganeti: {
    AutoArchiveRequest: MessageTypeDefinition<_ganeti_AutoArchiveRequest, _ganeti_AutoArchiveRequest__Output>
    AutoArchiveResponse: MessageTypeDefinition<_ganeti_AutoArchiveResponse, _ganeti_AutoArchiveResponse__Output>
    Cell: MessageTypeDefinition<_ganeti_Cell, _ganeti_Cell__Output>
    ChangePriorityRequest: MessageTypeDefinition<_ganeti_ChangePriorityRequest, _ganeti_ChangePriorityRequest__Output>
    Disk: MessageTypeDefinition<_ganeti_Disk, _ganeti_Disk__Output>
    Empty: MessageTypeDefinition<_ganeti_Empty, _ganeti_Empty__Output>
    EncodedError: MessageTypeDefinition<_ganeti_EncodedError, _ganeti_EncodedError__Output>
    FieldDefinition: MessageTypeDefinition<_ganeti_FieldDefinition, _ganeti_FieldDefinition__Output>
    FinishedJobsResponse: MessageTypeDefinition<_ganeti_FinishedJobsResponse, _ganeti_FinishedJobsResponse__Output>
    Instance: MessageTypeDefinition<_ganeti_Instance, _ganeti_Instance__Output>
    JobActionResponse: MessageTypeDefinition<_ganeti_JobActionResponse, _ganeti_JobActionResponse__Output>
    JobChange: MessageTypeDefinition<_ganeti_JobChange, _ganeti_JobChange__Output>
    JobIdRequest: MessageTypeDefinition<_ganeti_JobIdRequest, _ganeti_JobIdRequest__Output>
    JobIdsRequest: MessageTypeDefinition<_ganeti_JobIdsRequest, _ganeti_JobIdsRequest__Output>
    JobSubmission: MessageTypeDefinition<_ganeti_JobSubmission, _ganeti_JobSubmission__Output>
    JsonResponse: MessageTypeDefinition<_ganeti_JsonResponse, _ganeti_JsonResponse__Output>
    LogEntry: MessageTypeDefinition<_ganeti_LogEntry, _ganeti_LogEntry__Output>
    Master: SubtypeConstructor<typeof grpc.Client, _ganeti_MasterClient> & { service: _ganeti_MasterDefinition }
    Nic: MessageTypeDefinition<_ganeti_Nic, _ganeti_Nic__Output>
    QueryConfigValuesRequest: MessageTypeDefinition<_ganeti_QueryConfigValuesRequest, _ganeti_QueryConfigValuesRequest__Output>
    QueryFieldsRequest: MessageTypeDefinition<_ganeti_QueryFieldsRequest, _ganeti_QueryFieldsRequest__Output>
    QueryRequest: MessageTypeDefinition<_ganeti_QueryRequest, _ganeti_QueryRequest__Output>
    QueryResponse: MessageTypeDefinition<_ganeti_QueryResponse, _ganeti_QueryResponse__Output>
    Row: MessageTypeDefinition<_ganeti_Row, _ganeti_Row__Output>
    RpcTimeout: EnumTypeDefinition
    SetDrainedRequest: MessageTypeDefinition<_ganeti_SetDrainedRequest, _ganeti_SetDrainedRequest__Output>
    SubmitJobsRequest: MessageTypeDefinition<_ganeti_SubmitJobsRequest, _ganeti_SubmitJobsRequest__Output>
    SubmitJobsResponse: MessageTypeDefinition<_ganeti_SubmitJobsResponse, _ganeti_SubmitJobsResponse__Output>
    SubmitResult: MessageTypeDefinition<_ganeti_SubmitResult, _ganeti_SubmitResult__Output>
    WatchJobRequest: MessageTypeDefinition<_ganeti_WatchJobRequest, _ganeti_WatchJobRequest__Output>
    WatcherPauseRequest: MessageTypeDefinition<_ganeti_WatcherPauseRequest, _ganeti_WatcherPauseRequest__Output>
    WatcherPauseResponse: MessageTypeDefinition<_ganeti_WatcherPauseResponse, _ganeti_WatcherPauseResponse__Output>
    WconfdRequest: MessageTypeDefinition<_ganeti_WconfdRequest, _ganeti_WconfdRequest__Output>
  }
}

