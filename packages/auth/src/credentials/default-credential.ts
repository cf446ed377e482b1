import {
  checkKnownKeys,
  checkOptionalBoolean,
  checkOptionsObject,
  describeValue,
  MmdConfigurationError,
  oneLine,
} from '@mmd-sdk/core';
import { APP_SERVICE_WITHOUT_HEADER } from '../managed-identity/identity-endpoint';
import { readVariable } from '../shared/environment';
import { COMMON_OPTION_NAMES, type CommonCredentialOptions } from './common-options';
import { type CredentialAttempt, CredentialUnavailableError } from './credential-unavailable-error';
import { EnvironmentCredential } from './environment-credential';
import { ManagedIdentityCredential } from './managed-identity-credential';
import { WorkloadIdentityCredential } from './workload-identity-credential';

/** Options of `createDefaultCredential`: the common options, given to whichever credential is chosen. */
export interface DefaultCredentialOptions extends CommonCredentialOptions {
  /**
   * Whether managed identity may be used. By default it is tried only where a variable says the code
   * runs on an Azure service that has one: `IDENTITY_ENDPOINT` (App Service, Functions, Container
   * Apps), `MSI_ENDPOINT` (Cloud Shell, older App Service) or `AZURE_POD_IDENTITY_AUTHORITY_HOST` (AKS
   * pod identity), so that a laptop or a CI machine never sends a request to IMDS. An Azure VM, a
   * scale set or an AKS node (kubelet identity) sets none of these: pass `true` there. `false` never
   * uses it.
   * @default undefined: only where one of those variables is set
   */
  managedIdentity?: boolean;
  /**
   * The client ID of the user-assigned managed identity to use, as `@azure/identity`'s
   * `DefaultAzureCredential` takes it.
   * @default the AZURE_CLIENT_ID environment variable, else the system-assigned identity
   */
  managedIdentityClientId?: string;
}

/** A credential `createDefaultCredential` can choose. */
export type DefaultCredential =
  | EnvironmentCredential
  | WorkloadIdentityCredential
  | ManagedIdentityCredential;

/** The variables that say the code runs where a managed identity endpoint answers. */
const AZURE_HOSTING_VARIABLES = ['IDENTITY_ENDPOINT', 'MSI_ENDPOINT', 'AZURE_POD_IDENTITY_AUTHORITY_HOST'];

/**
 * Why the variables that say "Azure" name an endpoint this package cannot ask, or `undefined`: then
 * managed identity is skipped rather than sent to IMDS, which does not answer there.
 */
function unsupportedHosting(
  has: (name: string) => boolean,
  managedIdentity: boolean | undefined,
): string | undefined {
  if (has('IDENTITY_ENDPOINT')) {
    return has('IDENTITY_HEADER') ? undefined : APP_SERVICE_WITHOUT_HEADER.replace(/\.$/, '');
  }
  if (!has('MSI_ENDPOINT') || managedIdentity === true || has('AZURE_POD_IDENTITY_AUTHORITY_HOST')) {
    return undefined;
  }
  return 'MSI_ENDPOINT (Cloud Shell) is not supported; Cloud Shell and old App Service plans have no IMDS, so sign in with EnvironmentCredential (AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH) there, or pass { managedIdentity: true } on a VM';
}

/** One link of the chain: why it does not apply here, or how to build it. */
interface Link {
  readonly credential: string;
  readonly skipped: string | undefined;
  readonly build: () => DefaultCredential;
}

function chain(options: DefaultCredentialOptions, environment: NodeJS.ProcessEnv): Link[] {
  const { managedIdentity, managedIdentityClientId, ...common } = options;
  const has = (name: string) => readVariable(environment, name) !== undefined;
  const hosting = AZURE_HOSTING_VARIABLES.filter(has);
  const managedIdentityClient = managedIdentityClientId ?? readVariable(environment, 'AZURE_CLIENT_ID');
  const { authorityHost: _ignored, ...withoutAuthority } = common;
  const unsupported = unsupportedHosting(has, managedIdentity);
  return [
    {
      credential: 'EnvironmentCredential',
      skipped:
        has('AZURE_CLIENT_SECRET') || has('AZURE_CLIENT_CERTIFICATE_PATH')
          ? undefined
          : 'neither AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH is set',
      build: () => new EnvironmentCredential(common, environment),
    },
    {
      credential: 'WorkloadIdentityCredential',
      skipped: has('AZURE_FEDERATED_TOKEN_FILE') ? undefined : 'AZURE_FEDERATED_TOKEN_FILE is not set',
      build: () => new WorkloadIdentityCredential(common, environment),
    },
    {
      credential: 'ManagedIdentityCredential',
      skipped:
        managedIdentity === false
          ? 'managedIdentity is false'
          : unsupported !== undefined
            ? unsupported
            : managedIdentity === true || hosting.length > 0
              ? undefined
              : `none of ${AZURE_HOSTING_VARIABLES.join(', ')} is set, so this is not known to run on Azure (on an Azure VM or AKS node, pass { managedIdentity: true })`,
      build: () =>
        new ManagedIdentityCredential(
          { ...withoutAuthority, ...(managedIdentityClient ? { clientId: managedIdentityClient } : {}) },
          environment,
        ),
    },
  ];
}

/**
 * The credential the environment configures, chosen once, at construction, in this order:
 * `EnvironmentCredential` (a client secret or certificate in `AZURE_*` variables), then
 * `WorkloadIdentityCredential` (`AZURE_FEDERATED_TOKEN_FILE`), then `ManagedIdentityCredential`
 * (only where the environment says Azure, or with `managedIdentity: true`). The first that is
 * configured is used; if its configuration is wrong, or none is configured, a
 * `CredentialUnavailableError` lists each credential and why, before any network call.
 * @param environment where to read the variables from.
 * @default environment process.env
 */
export function createDefaultCredential(
  options: DefaultCredentialOptions = {},
  environment: NodeJS.ProcessEnv = process.env,
): DefaultCredential {
  const checked = checkOptionsObject(options, 'options', 'pass common credential options, or nothing');
  checkKnownKeys(checked, [...COMMON_OPTION_NAMES, 'managedIdentity', 'managedIdentityClientId'], 'options');
  checkOptionalBoolean(checked.managedIdentity, 'managedIdentity');
  if (environment === null || typeof environment !== 'object') {
    throw new MmdConfigurationError(
      'environment',
      `environment must be an object of variables such as process.env (got ${describeValue(environment)}).`,
    );
  }
  const tried: CredentialAttempt[] = [];
  for (const link of chain(checked as DefaultCredentialOptions, environment)) {
    if (link.skipped !== undefined) {
      tried.push({ credential: link.credential, outcome: 'skipped', reason: link.skipped });
      continue;
    }
    try {
      return link.build();
    } catch (error) {
      if (!(error instanceof MmdConfigurationError)) throw error;
      tried.push({ credential: link.credential, outcome: 'failed', reason: oneLine(error.message) });
      throw new CredentialUnavailableError(tried, { cause: error });
    }
  }
  throw new CredentialUnavailableError(tried);
}
