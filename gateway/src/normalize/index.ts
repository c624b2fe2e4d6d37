// Public surface of the normalize module: Meta CAPI user_data normalization + SHA-256 hashing,
// and fbp/fbc helpers. Pure functions, no I/O, no configuration. See README.md.

export { HASHED_USER_DATA_KEYS, isHashedUserDataKey, normalizeValue } from './normalize-value.js';
export type { HashedUserDataKey } from './normalize-value.js';
export { hashUserData, hashValue, passthroughHash, sha256Hex, UserDataHasher } from './hash.js';
export { buildFbc, cookieValue, fbclidFromUrl, isValidFbc, isValidFbp, newFbp } from './cookies.js';
