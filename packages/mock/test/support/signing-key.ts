import { generateKeyPairSync } from 'node:crypto';

/**
 * One RSA signing key for a whole test file (generating one costs about 0.2 s, far more on a busy
 * machine), made when the file first imports this module. Pass it as `signingKey` to every mock
 * tenant, model and server a test creates.
 */
export const SIGNING_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
