import { checkKnownKeys, checkOptionsObject, describeValue, MmdConfigurationError } from '@mmd-sdk/core';
import { withKeyFrom } from '../cache/token-cache-options';
import { readVariable } from '../shared/environment';
import {
  ClientAssertionCredential,
  type ClientAssertionCredentialOptions,
} from './client-assertion-credential';
import { COMMON_OPTION_NAMES, type CommonCredentialOptions } from './common-options';
import { checkFederatedTokenFile, federatedTokenReader } from './federated-token-file';

export interface WorkloadIdentityCredentialOptions extends CommonCredentialOptions {
  /**
   * The directory (tenant) ID of the app (or user-assigned identity) the pod's service account is
   * federated with.
   * @default the AZURE_TENANT_ID environment variable, which the workload identity webhook sets
   */
  tenantId?: string;
  /**
   * The application (client) ID GUID of that app or identity.
   * @default the AZURE_CLIENT_ID environment variable, which the webhook sets from the service account's annotation
   */
  clientId?: string;
  /**
   * The path of the service account token Kubernetes projects into the pod. The kubelet rotates it,
   * so it is read anew for every token request attempt (one token request an hour or so); it must be a
   * regular file of at most 64 KiB, checked once at construction.
   * @default the AZURE_FEDERATED_TOKEN_FILE environment variable, which the webhook sets
   */
  tokenFilePath?: string;
}

const OPTION_NAMES = ['tenantId', 'clientId', 'tokenFilePath', ...COMMON_OPTION_NAMES];

/** The options of the assertion credential a workload identity is, from its options and the variables. */
function assertionOptions(
  options: unknown,
  environment: NodeJS.ProcessEnv,
): { options: ClientAssertionCredentialOptions; tokenFilePath: string } {
  const given = checkOptionsObject(
    options,
    'options',
    'pass { tenantId, clientId, tokenFilePath, … } or nothing',
  );
  checkKnownKeys(given, OPTION_NAMES, 'options');
  if (environment === null || typeof environment !== 'object') {
    throw new MmdConfigurationError(
      'environment',
      `environment must be an object of variables such as process.env (got ${describeValue(environment)}).`,
    );
  }
  const { tokenFilePath: pathOption, ...common } = given as WorkloadIdentityCredentialOptions;
  const tenantId = common.tenantId ?? readVariable(environment, 'AZURE_TENANT_ID');
  const clientId = common.clientId ?? readVariable(environment, 'AZURE_CLIENT_ID');
  const tokenFilePath = pathOption ?? readVariable(environment, 'AZURE_FEDERATED_TOKEN_FILE');
  const missing = [
    ...(tenantId === undefined ? ['AZURE_TENANT_ID (or tenantId)'] : []),
    ...(clientId === undefined ? ['AZURE_CLIENT_ID (or clientId)'] : []),
    ...(tokenFilePath === undefined ? ['AZURE_FEDERATED_TOKEN_FILE (or tokenFilePath)'] : []),
  ];
  if (tenantId === undefined || clientId === undefined || tokenFilePath === undefined) {
    throw new MmdConfigurationError(
      'environment',
      `WorkloadIdentityCredential is missing ${missing.join(', ')}; on AKS, label the pod azure.workload.identity/use: "true" and annotate its service account with the client ID, so that the webhook sets them.`,
    );
  }
  const option = pathOption === undefined ? 'AZURE_FEDERATED_TOKEN_FILE' : 'tokenFilePath';
  if (typeof tokenFilePath !== 'string' || tokenFilePath === '') {
    throw new MmdConfigurationError(option, `${option} must be the path of the federated token file.`);
  }
  checkFederatedTokenFile(tokenFilePath, option);
  return {
    options: {
      ...common,
      tenantId,
      clientId,
      authorityHost: common.authorityHost ?? readVariable(environment, 'AZURE_AUTHORITY_HOST'),
      cache: withKeyFrom(common.cache, environment),
      getAssertion: federatedTokenReader(tokenFilePath, option),
    },
    tokenFilePath,
  };
}

/**
 * Gets tokens with Kubernetes workload identity (AKS, or any cluster federated with Entra ID): the
 * pod's projected service account token is the client assertion, as in `@azure/identity`'s
 * `WorkloadIdentityCredential`, so that no secret lives in the cluster. Reads `AZURE_TENANT_ID`,
 * `AZURE_CLIENT_ID`, `AZURE_FEDERATED_TOKEN_FILE` and `AZURE_AUTHORITY_HOST` unless the options
 * say otherwise; the file is read anew for every token request attempt, as the kubelet rotates it.
 */
export class WorkloadIdentityCredential extends ClientAssertionCredential {
  protected static override readonly credentialName: string = 'WorkloadIdentityCredential';
  /** The federated token file read for every attempt. */
  readonly tokenFilePath: string;

  /**
   * @param options overrides of the variables, and the common options.
   * @param environment where to read the variables from.
   * @default environment process.env
   */
  constructor(options: WorkloadIdentityCredentialOptions = {}, environment: NodeJS.ProcessEnv = process.env) {
    const resolved = assertionOptions(options, environment);
    super(resolved.options);
    this.tokenFilePath = resolved.tokenFilePath;
  }
}
