import { type ConfigurationErrorClass, MmdConfigurationError } from '../errors/configuration-error';
import { describeValue } from './describe-value';

/**
 * How a check raises and words its refusal. The checks take it as an optional last argument, the
 * SDK's own by default; a package with its own error class and wording (the mock's
 * `MockConfigurationError`, `…; got -1.`) passes its style instead of keeping a copy of the rule.
 */
export interface CheckStyle {
  /** The class thrown: `MmdConfigurationError` or a subclass of it. */
  readonly error: ConfigurationErrorClass;
  /** Names what was given without quoting it (it may be a secret): `describeValue` by default. */
  readonly describe: (value: unknown) => string;
  /** Ends a sentence with what was given (`describe`'s words), full stop included: ` (got null).` by default. */
  readonly got: (given: string) => string;
}

/** The SDK's style: `MmdConfigurationError`, `describeValue`, and ` (got …).`. */
export const SDK_CHECK_STYLE: CheckStyle = Object.freeze({
  error: MmdConfigurationError,
  describe: describeValue,
  got: (given: string) => ` (got ${given}).`,
});
