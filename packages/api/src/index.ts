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
export { DEFAULT_BASE_URL, type MmdClientOptions } from './client-options';
export { createMmdClient, type MmdClient } from './create-mmd-client';
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
} from './errors';
export type {
  AddTicketNoteRequest,
  CaseContact,
  CaseContactInput,
  CloseElevationRequestBody,
  Configuration,
  CreateElevationRequestBody,
  CreateTicketRequest,
  Device,
  DeviceElevationDetail,
  ElevationRequest,
  FlatError,
  Group,
  ODataError,
  Persona,
  Profile,
  Ticket,
  TicketNote,
  UpdateRing,
  User,
  UserDevice,
} from './generated/types.gen';
export type { MmdOperations, MmdRequestOptions, OperationParams } from './operation-types';
export type { PageableOperation, PaginateOptions, Paginator } from './paginate';
export type { MmdTokenCredential } from './token-source';
export { VERSION } from './user-agent';
