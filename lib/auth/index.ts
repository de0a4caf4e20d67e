/** Django's `django.contrib.auth` for Express: password hashers. */
export {
  DEFAULT_PASSWORD_HASHERS,
  UNUSABLE_PASSWORD_PREFIX,
  UNUSABLE_PASSWORD_SUFFIX_LENGTH,
  checkPassword,
  getHasher,
  identifyHasher,
  isPasswordUsable,
  makePassword,
  verifyPassword,
  type CheckPasswordOptions,
  type MakePasswordOptions,
  type PasswordHashersOptions,
} from './hashers.js';
export { BasePasswordHasher } from './hashers-base.js';
export { PBKDF2PasswordHasher, PBKDF2SHA1PasswordHasher } from './hashers-pbkdf2.js';
export { ScryptPasswordHasher } from './hashers-scrypt.js';
export { Argon2PasswordHasher } from './hashers-argon2.js';
export { BCryptPasswordHasher, BCryptSHA256PasswordHasher } from './hashers-bcrypt.js';
export { MD5PasswordHasher } from './hashers-md5.js';
export { login, logout, updateSessionAuthHash, type LoginOptions } from './login.js';
export {
  BACKEND_SESSION_KEY,
  DEFAULT_AUTH_BACKEND,
  HASH_SESSION_KEY,
  SESSION_KEY,
  getSessionAuthHash,
  type SessionUser,
} from './session-auth.js';
export {
  AuthenticationMiddleware,
  authenticationMiddleware,
  getRequestUser,
  type AuthenticationMiddlewareOptions,
} from '../middleware/authentication.js';
