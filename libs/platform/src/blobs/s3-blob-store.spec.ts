import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { blobStoreContract } from './blob-store-contract';
import { S3BlobStore } from './s3-blob-store';
import { emptyS3Prefix } from './s3-test-cleanup';

const endpoint = process.env['S3_ENDPOINT'];
const BUCKET = 'gongkai-test';

if (endpoint) {
  // Each test gets its own key prefix in one bucket on the server tools/local-infra/up.sh starts (SeaweedFS).
  blobStoreContract('S3 (SeaweedFS)', async (maxBytes) => {
    const stagingDir = mkdtempSync(join(tmpdir(), 'gk-s3-staging-'));
    const location = {
      bucket: BUCKET,
      prefix: `contract/${uuidv7()}/`,
      endpoint,
      region: process.env['S3_REGION'] ?? 'us-east-1',
      credentials: { accessKeyId: process.env['S3_ACCESS_KEY_ID'] ?? '', secretAccessKey: process.env['S3_SECRET_ACCESS_KEY'] ?? '' },
    };
    const store = new S3BlobStore({ ...location, maxBytes, stagingDir });
    await store.ensureBucket();
    return {
      store,
      storedObjects: async () => (await store.countObjects()) + readdirSync(stagingDir).length,
      dispose: async () => {
        await emptyS3Prefix(location);
        rmSync(stagingDir, { recursive: true, force: true });
      },
    };
  });
} else {
  console.warn(
    'S3 blob store contract suite SKIPPED: S3_ENDPOINT is not set (tools/local-infra/up.sh s3 starts a SeaweedFS S3 server and prints it)',
  );
  describe('BlobStore contract: S3 (SeaweedFS)', () => {
    it.skip('SKIPPED: S3_ENDPOINT is not set, so the S3 adapter was not contract-tested', () => undefined);
  });
}
