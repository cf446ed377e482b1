import { MmdConfigurationError } from '../errors/configuration-error';
import { describeValue } from './describe-value';

/** The longest delay `setTimeout` honours; longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

export interface NumberRule {
  /** The option's name, as the message gives it. */
  readonly option: string;
  readonly fallback: number;
  readonly min: number;
  /** @default MAX_TIMER_MS */
  readonly max?: number;
  readonly integer?: boolean;
  /** Such as `milliseconds`. */
  readonly unit?: string;
}

/** Returns the number, or the fallback when it is `undefined`; anything else is a configuration error. */
export function checkNumber(value: unknown, rule: NumberRule): number {
  if (value === undefined) return rule.fallback;
  const max = rule.max ?? MAX_TIMER_MS;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < rule.min ||
    value > max ||
    (rule.integer === true && !Number.isInteger(value))
  ) {
    throw new MmdConfigurationError(
      rule.option,
      `${rule.option} must be ${rule.integer ? 'a whole number' : 'a number'}${rule.unit ? ` of ${rule.unit}` : ''} from ${rule.min} to ${max} (default ${rule.fallback}); got ${describeValue(value)}.`,
    );
  }
  return value;
}
