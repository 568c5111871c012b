// Original file: proto/ganeti/master.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AutoArchiveRequest as _ganeti_AutoArchiveRequest, AutoArchiveRequest__Output as _ganeti_AutoArchiveRequest__Output } from '../ganeti/AutoArchiveRequest.js';
import type { AutoArchiveResponse as _ganeti_AutoArchiveResponse, AutoArchiveResponse__Output as _ganeti_AutoArchiveResponse__Output } from '../ganeti/AutoArchiveResponse.js';
import type { ChangePriorityRequest as _ganeti_ChangePriorityRequest, ChangePriorityRequest__Output as _ganeti_ChangePriorityRequest__Output } from '../ganeti/ChangePriorityRequest.js';
import type { Empty as _ganeti_Empty, Empty__Output as _ganeti_Empty__Output } from '../ganeti/Empty.js';
import type { FinishedJobsResponse as _ganeti_FinishedJobsResponse, FinishedJobsResponse__Output as _ganeti_FinishedJobsResponse__Output } from '../ganeti/FinishedJobsResponse.js';
import type { JobActionResponse as _ganeti_JobActionResponse, JobActionResponse__Output as _ganeti_JobActionResponse__Output } from '../ganeti/JobActionResponse.js';
import type { JobChange as _ganeti_JobChange, JobChange__Output as _ganeti_JobChange__Output } from '../ganeti/JobChange.js';
import type { JobIdRequest as _ganeti_JobIdRequest, JobIdRequest__Output as _ganeti_JobIdRequest__Output } from '../ganeti/JobIdRequest.js';
import type { JobIdsRequest as _ganeti_JobIdsRequest, JobIdsRequest__Output as _ganeti_JobIdsRequest__Output } from '../ganeti/JobIdsRequest.js';
import type { JsonResponse as _ganeti_JsonResponse, JsonResponse__Output as _ganeti_JsonResponse__Output } from '../ganeti/JsonResponse.js';
import type { QueryConfigValuesRequest as _ganeti_QueryConfigValuesRequest, QueryConfigValuesRequest__Output as _ganeti_QueryConfigValuesRequest__Output } from '../ganeti/QueryConfigValuesRequest.js';
import type { QueryFieldsRequest as _ganeti_QueryFieldsRequest, QueryFieldsRequest__Output as _ganeti_QueryFieldsRequest__Output } from '../ganeti/QueryFieldsRequest.js';
import type { QueryRequest as _ganeti_QueryRequest, QueryRequest__Output as _ganeti_QueryRequest__Output } from '../ganeti/QueryRequest.js';
import type { QueryResponse as _ganeti_QueryResponse, QueryResponse__Output as _ganeti_QueryResponse__Output } from '../ganeti/QueryResponse.js';
import type { SetDrainedRequest as _ganeti_SetDrainedRequest, SetDrainedRequest__Output as _ganeti_SetDrainedRequest__Output } from '../ganeti/SetDrainedRequest.js';
import type { SubmitJobsRequest as _ganeti_SubmitJobsRequest, SubmitJobsRequest__Output as _ganeti_SubmitJobsRequest__Output } from '../ganeti/SubmitJobsRequest.js';
import type { SubmitJobsResponse as _ganeti_SubmitJobsResponse, SubmitJobsResponse__Output as _ganeti_SubmitJobsResponse__Output } from '../ganeti/SubmitJobsResponse.js';
import type { WatchJobRequest as _ganeti_WatchJobRequest, WatchJobRequest__Output as _ganeti_WatchJobRequest__Output } from '../ganeti/WatchJobRequest.js';
import type { WatcherPauseRequest as _ganeti_WatcherPauseRequest, WatcherPauseRequest__Output as _ganeti_WatcherPauseRequest__Output } from '../ganeti/WatcherPauseRequest.js';
import type { WatcherPauseResponse as _ganeti_WatcherPauseResponse, WatcherPauseResponse__Output as _ganeti_WatcherPauseResponse__Output } from '../ganeti/WatcherPauseResponse.js';
import type { WconfdRequest as _ganeti_WconfdRequest, WconfdRequest__Output as _ganeti_WconfdRequest__Output } from '../ganeti/WconfdRequest.js';

export interface MasterClient extends grpc.Client {
  ArchiveJob(argument: _ganeti_JobIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  ArchiveJob(argument: _ganeti_JobIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  ArchiveJob(argument: _ganeti_JobIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  ArchiveJob(argument: _ganeti_JobIdRequest, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  archiveJob(argument: _ganeti_JobIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  archiveJob(argument: _ganeti_JobIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  archiveJob(argument: _ganeti_JobIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  archiveJob(argument: _ganeti_JobIdRequest, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  
  AutoArchiveJobs(argument: _ganeti_AutoArchiveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_AutoArchiveResponse__Output>): grpc.ClientUnaryCall;
  AutoArchiveJobs(argument: _ganeti_AutoArchiveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_AutoArchiveResponse__Output>): grpc.ClientUnaryCall;
  AutoArchiveJobs(argument: _ganeti_AutoArchiveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_AutoArchiveResponse__Output>): grpc.ClientUnaryCall;
  AutoArchiveJobs(argument: _ganeti_AutoArchiveRequest, callback: grpc.requestCallback<_ganeti_AutoArchiveResponse__Output>): grpc.ClientUnaryCall;
  autoArchiveJobs(argument: _ganeti_AutoArchiveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_AutoArchiveResponse__Output>): grpc.ClientUnaryCall;
  autoArchiveJobs(argument: _ganeti_AutoArchiveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_AutoArchiveResponse__Output>): grpc.ClientUnaryCall;
  autoArchiveJobs(argument: _ganeti_AutoArchiveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_AutoArchiveResponse__Output>): grpc.ClientUnaryCall;
  autoArchiveJobs(argument: _ganeti_AutoArchiveRequest, callback: grpc.requestCallback<_ganeti_AutoArchiveResponse__Output>): grpc.ClientUnaryCall;
  
  CancelJob(argument: _ganeti_JobIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _ganeti_JobIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _ganeti_JobIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _ganeti_JobIdRequest, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _ganeti_JobIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _ganeti_JobIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _ganeti_JobIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _ganeti_JobIdRequest, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  
  ChangeJobPriority(argument: _ganeti_ChangePriorityRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  ChangeJobPriority(argument: _ganeti_ChangePriorityRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  ChangeJobPriority(argument: _ganeti_ChangePriorityRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  ChangeJobPriority(argument: _ganeti_ChangePriorityRequest, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  changeJobPriority(argument: _ganeti_ChangePriorityRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  changeJobPriority(argument: _ganeti_ChangePriorityRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  changeJobPriority(argument: _ganeti_ChangePriorityRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  changeJobPriority(argument: _ganeti_ChangePriorityRequest, callback: grpc.requestCallback<_ganeti_JobActionResponse__Output>): grpc.ClientUnaryCall;
  
  FinishedJobs(argument: _ganeti_JobIdsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_FinishedJobsResponse__Output>): grpc.ClientUnaryCall;
  FinishedJobs(argument: _ganeti_JobIdsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_FinishedJobsResponse__Output>): grpc.ClientUnaryCall;
  FinishedJobs(argument: _ganeti_JobIdsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_FinishedJobsResponse__Output>): grpc.ClientUnaryCall;
  FinishedJobs(argument: _ganeti_JobIdsRequest, callback: grpc.requestCallback<_ganeti_FinishedJobsResponse__Output>): grpc.ClientUnaryCall;
  finishedJobs(argument: _ganeti_JobIdsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_FinishedJobsResponse__Output>): grpc.ClientUnaryCall;
  finishedJobs(argument: _ganeti_JobIdsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_FinishedJobsResponse__Output>): grpc.ClientUnaryCall;
  finishedJobs(argument: _ganeti_JobIdsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_FinishedJobsResponse__Output>): grpc.ClientUnaryCall;
  finishedJobs(argument: _ganeti_JobIdsRequest, callback: grpc.requestCallback<_ganeti_FinishedJobsResponse__Output>): grpc.ClientUnaryCall;
  
  Query(argument: _ganeti_QueryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  Query(argument: _ganeti_QueryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  Query(argument: _ganeti_QueryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  Query(argument: _ganeti_QueryRequest, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  query(argument: _ganeti_QueryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  query(argument: _ganeti_QueryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  query(argument: _ganeti_QueryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  query(argument: _ganeti_QueryRequest, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  
  QueryClusterInfo(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  QueryClusterInfo(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  QueryClusterInfo(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  QueryClusterInfo(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  queryClusterInfo(argument: _ganeti_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  queryClusterInfo(argument: _ganeti_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  queryClusterInfo(argument: _ganeti_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  queryClusterInfo(argument: _ganeti_Empty, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  
  QueryConfigValues(argument: _ganeti_QueryConfigValuesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  QueryConfigValues(argument: _ganeti_QueryConfigValuesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  QueryConfigValues(argument: _ganeti_QueryConfigValuesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  QueryConfigValues(argument: _ganeti_QueryConfigValuesRequest, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  queryConfigValues(argument: _ganeti_QueryConfigValuesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  queryConfigValues(argument: _ganeti_QueryConfigValuesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  queryConfigValues(argument: _ganeti_QueryConfigValuesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  queryConfigValues(argument: _ganeti_QueryConfigValuesRequest, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  
  QueryFields(argument: _ganeti_QueryFieldsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  QueryFields(argument: _ganeti_QueryFieldsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  QueryFields(argument: _ganeti_QueryFieldsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  QueryFields(argument: _ganeti_QueryFieldsRequest, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  queryFields(argument: _ganeti_QueryFieldsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  queryFields(argument: _ganeti_QueryFieldsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  queryFields(argument: _ganeti_QueryFieldsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  queryFields(argument: _ganeti_QueryFieldsRequest, callback: grpc.requestCallback<_ganeti_QueryResponse__Output>): grpc.ClientUnaryCall;
  
  SetQueueDrained(argument: _ganeti_SetDrainedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  SetQueueDrained(argument: _ganeti_SetDrainedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  SetQueueDrained(argument: _ganeti_SetDrainedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  SetQueueDrained(argument: _ganeti_SetDrainedRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  setQueueDrained(argument: _ganeti_SetDrainedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  setQueueDrained(argument: _ganeti_SetDrainedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  setQueueDrained(argument: _ganeti_SetDrainedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  setQueueDrained(argument: _ganeti_SetDrainedRequest, callback: grpc.requestCallback<_ganeti_Empty__Output>): grpc.ClientUnaryCall;
  
  SetWatcherPause(argument: _ganeti_WatcherPauseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_WatcherPauseResponse__Output>): grpc.ClientUnaryCall;
  SetWatcherPause(argument: _ganeti_WatcherPauseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_WatcherPauseResponse__Output>): grpc.ClientUnaryCall;
  SetWatcherPause(argument: _ganeti_WatcherPauseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_WatcherPauseResponse__Output>): grpc.ClientUnaryCall;
  SetWatcherPause(argument: _ganeti_WatcherPauseRequest, callback: grpc.requestCallback<_ganeti_WatcherPauseResponse__Output>): grpc.ClientUnaryCall;
  setWatcherPause(argument: _ganeti_WatcherPauseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_WatcherPauseResponse__Output>): grpc.ClientUnaryCall;
  setWatcherPause(argument: _ganeti_WatcherPauseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_WatcherPauseResponse__Output>): grpc.ClientUnaryCall;
  setWatcherPause(argument: _ganeti_WatcherPauseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_WatcherPauseResponse__Output>): grpc.ClientUnaryCall;
  setWatcherPause(argument: _ganeti_WatcherPauseRequest, callback: grpc.requestCallback<_ganeti_WatcherPauseResponse__Output>): grpc.ClientUnaryCall;
  
  SubmitJobs(argument: _ganeti_SubmitJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  SubmitJobs(argument: _ganeti_SubmitJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  SubmitJobs(argument: _ganeti_SubmitJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  SubmitJobs(argument: _ganeti_SubmitJobsRequest, callback: grpc.requestCallback<_ganeti_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  submitJobs(argument: _ganeti_SubmitJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  submitJobs(argument: _ganeti_SubmitJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  submitJobs(argument: _ganeti_SubmitJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  submitJobs(argument: _ganeti_SubmitJobsRequest, callback: grpc.requestCallback<_ganeti_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  
  WatchJob(argument: _ganeti_WatchJobRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_ganeti_JobChange__Output>;
  WatchJob(argument: _ganeti_WatchJobRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_ganeti_JobChange__Output>;
  watchJob(argument: _ganeti_WatchJobRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_ganeti_JobChange__Output>;
  watchJob(argument: _ganeti_WatchJobRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_ganeti_JobChange__Output>;
  
  Wconfd(argument: _ganeti_WconfdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  Wconfd(argument: _ganeti_WconfdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  Wconfd(argument: _ganeti_WconfdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  Wconfd(argument: _ganeti_WconfdRequest, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  wconfd(argument: _ganeti_WconfdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  wconfd(argument: _ganeti_WconfdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  wconfd(argument: _ganeti_WconfdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  wconfd(argument: _ganeti_WconfdRequest, callback: grpc.requestCallback<_ganeti_JsonResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MasterHandlers extends grpc.UntypedServiceImplementation {
  ArchiveJob: grpc.handleUnaryCall<_ganeti_JobIdRequest__Output, _ganeti_JobActionResponse>;
  
  AutoArchiveJobs: grpc.handleUnaryCall<_ganeti_AutoArchiveRequest__Output, _ganeti_AutoArchiveResponse>;
  
  CancelJob: grpc.handleUnaryCall<_ganeti_JobIdRequest__Output, _ganeti_JobActionResponse>;
  
  ChangeJobPriority: grpc.handleUnaryCall<_ganeti_ChangePriorityRequest__Output, _ganeti_JobActionResponse>;
  
  FinishedJobs: grpc.handleUnaryCall<_ganeti_JobIdsRequest__Output, _ganeti_FinishedJobsResponse>;
  
  Query: grpc.handleUnaryCall<_ganeti_QueryRequest__Output, _ganeti_QueryResponse>;
  
  QueryClusterInfo: grpc.handleUnaryCall<_ganeti_Empty__Output, _ganeti_JsonResponse>;
  
  QueryConfigValues: grpc.handleUnaryCall<_ganeti_QueryConfigValuesRequest__Output, _ganeti_JsonResponse>;
  
  QueryFields: grpc.handleUnaryCall<_ganeti_QueryFieldsRequest__Output, _ganeti_QueryResponse>;
  
  SetQueueDrained: grpc.handleUnaryCall<_ganeti_SetDrainedRequest__Output, _ganeti_Empty>;
  
  SetWatcherPause: grpc.handleUnaryCall<_ganeti_WatcherPauseRequest__Output, _ganeti_WatcherPauseResponse>;
  
  SubmitJobs: grpc.handleUnaryCall<_ganeti_SubmitJobsRequest__Output, _ganeti_SubmitJobsResponse>;
  
  WatchJob: grpc.handleServerStreamingCall<_ganeti_WatchJobRequest__Output, _ganeti_JobChange>;
  
  Wconfd: grpc.handleUnaryCall<_ganeti_WconfdRequest__Output, _ganeti_JsonResponse>;
  
}

export interface MasterDefinition extends grpc.ServiceDefinition {
  ArchiveJob: MethodDefinition<_ganeti_JobIdRequest, _ganeti_JobActionResponse, _ganeti_JobIdRequest__Output, _ganeti_JobActionResponse__Output>
  AutoArchiveJobs: MethodDefinition<_ganeti_AutoArchiveRequest, _ganeti_AutoArchiveResponse, _ganeti_AutoArchiveRequest__Output, _ganeti_AutoArchiveResponse__Output>
  CancelJob: MethodDefinition<_ganeti_JobIdRequest, _ganeti_JobActionResponse, _ganeti_JobIdRequest__Output, _ganeti_JobActionResponse__Output>
  ChangeJobPriority: MethodDefinition<_ganeti_ChangePriorityRequest, _ganeti_JobActionResponse, _ganeti_ChangePriorityRequest__Output, _ganeti_JobActionResponse__Output>
  FinishedJobs: MethodDefinition<_ganeti_JobIdsRequest, _ganeti_FinishedJobsResponse, _ganeti_JobIdsRequest__Output, _ganeti_FinishedJobsResponse__Output>
  Query: MethodDefinition<_ganeti_QueryRequest, _ganeti_QueryResponse, _ganeti_QueryRequest__Output, _ganeti_QueryResponse__Output>
  QueryClusterInfo: MethodDefinition<_ganeti_Empty, _ganeti_JsonResponse, _ganeti_Empty__Output, _ganeti_JsonResponse__Output>
  QueryConfigValues: MethodDefinition<_ganeti_QueryConfigValuesRequest, _ganeti_JsonResponse, _ganeti_QueryConfigValuesRequest__Output, _ganeti_JsonResponse__Output>
  QueryFields: MethodDefinition<_ganeti_QueryFieldsRequest, _ganeti_QueryResponse, _ganeti_QueryFieldsRequest__Output, _ganeti_QueryResponse__Output>
  SetQueueDrained: MethodDefinition<_ganeti_SetDrainedRequest, _ganeti_Empty, _ganeti_SetDrainedRequest__Output, _ganeti_Empty__Output>
  SetWatcherPause: MethodDefinition<_ganeti_WatcherPauseRequest, _ganeti_WatcherPauseResponse, _ganeti_WatcherPauseRequest__Output, _ganeti_WatcherPauseResponse__Output>
  SubmitJobs: MethodDefinition<_ganeti_SubmitJobsRequest, _ganeti_SubmitJobsResponse, _ganeti_SubmitJobsRequest__Output, _ganeti_SubmitJobsResponse__Output>
  WatchJob: MethodDefinition<_ganeti_WatchJobRequest, _ganeti_JobChange, _ganeti_WatchJobRequest__Output, _ganeti_JobChange__Output>
  Wconfd: MethodDefinition<_ganeti_WconfdRequest, _ganeti_JsonResponse, _ganeti_WconfdRequest__Output, _ganeti_JsonResponse__Output>
}
