/**
 * Node built-ins loaded on first use, not at import: `node:crypto` alone pulls in the stream modules
 * (several milliseconds), and a client-secret credential never needs it.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}

export function nodeFs(): typeof import('node:fs') {
  return process.getBuiltinModule('node:fs');
}

export function nodeOs(): typeof import('node:os') {
  return process.getBuiltinModule('node:os');
}

export function nodePath(): typeof import('node:path') {
  return process.getBuiltinModule('node:path');
}
