export {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  EnvironmentCredential,
  getBearerTokenProvider,
  type Logger,
  type LogLevel,
  MMD_SCOPE,
  MmdConfigurationError,
  MmdError,
  TokenRequestError,
} from '@mmd-sdk/mmd-auth';
export type { MmdTokenCredential } from './call/token-source';
export { DEFAULT_BASE_URL, type MmdClientOptions } from './client/client-options';
export { createMmdClient, type MmdClient } from './client/create-mmd-client';
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InvalidResponseError,
  MmdApiError,
  type MmdApiErrorDetails,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnsafeRequestError,
} from './errors/api-errors';
export type { OperationTypes } from './generated/mmd-operation-table.gen';
export type {
  AddTicketNoteRequest,
  CaseContact,
  CaseContactInput,
  CloseElevationRequestBody,
  Configuration,
  CreateElevationRequestBody,
  CreateTicketRequest,
  Device,
  DeviceCollection,
  DeviceElevationDetail,
  DeviceEntity,
  ElevationRequest,
  ElevationRequestCollection,
  ElevationRequestEntity,
  FlatError,
  Group,
  ODataError,
  Persona,
  Profile,
  ProfileCollection,
  Ticket,
  TicketCollection,
  TicketEntity,
  TicketNote,
  TicketNoteCollection,
  UpdateRing,
  User,
  UserCollection,
  UserDevice,
  UserEntity,
} from './generated/types.gen';
export type { OperationSpec, OperationTransform, QueryParameterSpec } from './operations/operation-spec';
export { type OperationName, operations, type PageableOperation } from './operations/operation-table';
export type { MmdOperations, MmdRequestOptions, OperationParams } from './operations/operation-types';
export type { PaginateOptions, Paginator } from './operations/paginate';
export { VERSION } from './transport/user-agent';
