/**
 * The bounds of an uploaded catalogue or guideline file (issue 16.5), each refused with a stable
 * code and a message in Chinese, nothing recorded: the upload as sent (CATALOGUE_IMPORT_MAX_UPLOAD_MB,
 * PAYLOAD_TOO_LARGE), what it unpacks to (CATALOGUE_IMPORT_MAX_UNPACKED_MB, FILE_UNPACKED_TOO_LARGE:
 * a zip bomb stops there), the rows of its sheets (CATALOGUE_IMPORT_MAX_ROWS,
 * SPREADSHEET_TOO_MANY_ROWS, counted before the sheets are parsed) and the time the parse may take
 * (CATALOGUE_IMPORT_MAX_SECONDS, IMPORT_TOO_SLOW: the import worker is stopped) and the import
 * worker's heap (CATALOGUE_IMPORT_WORKER_HEAP_MB, IMPORT_TOO_LARGE_TO_READ).
 */
export interface ImportLimits {
  uploadBytes: number;
  unpackedBytes: number;
  rows: number;
  seconds: number;
  workerHeapMb: number;
}

const MB = 1024 * 1024;

/**
 * A county catalogue is a few hundred rows; its file is well under 1 MB and unpacks to a few. A
 * sheet of 20,000 rows of the standard columns needs about 150 MB of the worker's heap.
 */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  uploadBytes: 5 * MB,
  unpackedBytes: 20 * MB,
  rows: 20000,
  seconds: 30,
  workerHeapMb: 256,
};

/** The limits from the service's settings. */
export function importLimitsOf(config: {
  CATALOGUE_IMPORT_MAX_UPLOAD_MB: number;
  CATALOGUE_IMPORT_MAX_UNPACKED_MB: number;
  CATALOGUE_IMPORT_MAX_ROWS: number;
  CATALOGUE_IMPORT_MAX_SECONDS: number;
  CATALOGUE_IMPORT_WORKER_HEAP_MB: number;
}): ImportLimits {
  return {
    uploadBytes: config.CATALOGUE_IMPORT_MAX_UPLOAD_MB * MB,
    unpackedBytes: config.CATALOGUE_IMPORT_MAX_UNPACKED_MB * MB,
    rows: config.CATALOGUE_IMPORT_MAX_ROWS,
    seconds: config.CATALOGUE_IMPORT_MAX_SECONDS,
    workerHeapMb: config.CATALOGUE_IMPORT_WORKER_HEAP_MB,
  };
}

/** Megabytes as people read them: 20, 0.5. */
export const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10}MB`;
