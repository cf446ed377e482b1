/** Where an error keeps the kinds (class names) it was built as, so any copy of a class can recognize it. */
const KINDS = Symbol.for('@mmd-sdk/error-kinds');

function ownKind(errorClass: unknown): string | undefined {
  return typeof errorClass === 'function' && Object.hasOwn(errorClass, 'kind')
    ? (errorClass as { readonly kind?: string }).kind
    : undefined;
}

/**
 * The root of every error `@mmd-sdk/mmd-auth` and `@mmd-sdk/mmd-api` raise:
 * `catch (error) { if (error instanceof MmdError) … }` catches all of them, token failures included.
 *
 * `instanceof` also holds across copies of the packages in one process (their ESM and CommonJS
 * builds, or the copy of this class each package carries): every error records the kinds it was
 * built as, and each class declares its kind.
 */
export class MmdError extends Error {
  /** The kind `instanceof` checks across copies; each subclass declares its own. */
  static readonly kind: string = 'MmdError';
  override readonly name: string = 'MmdError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const kinds: string[] = [];
    for (let errorClass: unknown = new.target; typeof errorClass === 'function' && errorClass !== Error; ) {
      const kind = ownKind(errorClass);
      if (kind !== undefined) kinds.push(kind);
      errorClass = Object.getPrototypeOf(errorClass);
    }
    Object.defineProperty(this, KINDS, { value: Object.freeze(kinds) });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class right of `instanceof`, a subclass included
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // biome-ignore lint/complexity/noThisInStatic: the same class
    const kind = ownKind(this);
    if (kind === undefined || typeof value !== 'object' || value === null) return false;
    const kinds = (value as { [KINDS]?: unknown })[KINDS];
    return Array.isArray(kinds) && kinds.includes(kind);
  }
}
