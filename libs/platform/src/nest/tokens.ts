export const GONGKAI_CONFIG = Symbol('GONGKAI_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const EVENT_BUS = Symbol('EVENT_BUS');
export const LOGGER = Symbol('LOGGER');
/** The blob store (files addressed by SHA-256), chosen by BLOB_STORE_URL: `file:` (default) or `s3://` (createBlobStore). */
export const BLOB_STORE = Symbol('BLOB_STORE');
/** The personal-data key store (crypto-shredding) of this process, or null where no service writes personal data. */
export const PERSONAL_DATA_KEYS = Symbol('PERSONAL_DATA_KEYS');
