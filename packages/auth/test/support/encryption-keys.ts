import { randomBytes } from 'node:crypto';

/** The store's encryption key of this suite, made once when the test file loads (base64). */
export const ENCRYPTION_KEY = randomBytes(32).toString('base64');
/** Another key, for entries the suite's credentials must not be able to open (hex). */
export const OTHER_ENCRYPTION_KEY = randomBytes(32).toString('hex');
