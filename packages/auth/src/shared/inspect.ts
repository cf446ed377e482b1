/** The symbol `util.inspect` looks for, without importing `node:util`. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');
