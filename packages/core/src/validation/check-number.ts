import { type CheckStyle, SDK_CHECK_STYLE } from './check-style';

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

/** What `checkNumberInRange` accepts: a `NumberRule` without a fallback, and a note. */
export interface RangeRule extends Omit<NumberRule, 'fallback'> {
  /** Said after the range, such as `(0 picks a free port)`. */
  readonly note?: string;
}

/** Returns the number, or the fallback when it is `undefined`; anything else is a configuration error. */
export function checkNumber(value: unknown, rule: NumberRule, style: CheckStyle = SDK_CHECK_STYLE): number {
  if (value === undefined) return rule.fallback;
  return checkNumberInRange(value, { ...rule, note: `(default ${rule.fallback})` }, style);
}

/** Returns a finite number in the rule's range (whole where the rule says so); anything else, `undefined` included, is refused. */
export function checkNumberInRange(
  value: unknown,
  rule: RangeRule,
  style: CheckStyle = SDK_CHECK_STYLE,
): number {
  const max = rule.max ?? MAX_TIMER_MS;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < rule.min ||
    value > max ||
    (rule.integer === true && !Number.isInteger(value))
  ) {
    throw new style.error(
      rule.option,
      `${rule.option} must be ${rule.integer ? 'a whole number' : 'a number'}${rule.unit ? ` of ${rule.unit}` : ''} from ${rule.min} to ${max}${rule.note ? ` ${rule.note}` : ''}; got ${style.describe(value)}.`,
    );
  }
  return value;
}
