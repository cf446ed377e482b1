import { MmdError } from './mmd-error';

/**
 * Raised before any network call when an option, argument or parameter is missing or malformed.
 * The message is one line that names the option and the fix; it never holds a secret's value.
 */
export class MmdConfigurationError extends MmdError {
  static override readonly kind: string = 'MmdConfigurationError';
  override readonly name: string = 'MmdConfigurationError';
  /** The option, argument or environment variable at fault, such as `timeout` or `params.kyOptions`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(message);
    this.option = option;
  }
}

/**
 * The class a check raises: `MmdConfigurationError` itself, or a package's own subclass (the mock's
 * `MockConfigurationError`) that declares its `static kind`.
 */
export type ConfigurationErrorClass = new (option: string, message: string) => MmdConfigurationError;
