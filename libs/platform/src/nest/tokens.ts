export const GONGKAI_CONFIG = Symbol('GONGKAI_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const EVENT_BUS = Symbol('EVENT_BUS');
export const LOGGER = Symbol('LOGGER');
/** The blob store (files addressed by SHA-256), chosen by BLOB_STORE_URL: `file:` (default) or `s3://` (createBlobStore). */
export const BLOB_STORE = Symbol('BLOB_STORE');
