describe('loading the blob store', () => {
  it('loads the AWS SDK only when an s3:// store is created, not with the platform', async () => {
    let loaded = false;
    jest.doMock('@aws-sdk/client-s3', () => {
      loaded = true;
      return jest.requireActual('@aws-sdk/client-s3');
    });
    const { createBlobStore } = require('./index') as typeof import('./index');
    const settings = { BLOB_MAX_BYTES: 1000, S3_REGION: 'us-east-1' };
    await createBlobStore({ ...settings, BLOB_STORE_URL: 'file:/srv/blobs' });
    expect(loaded).toBe(false);
    const s3 = await createBlobStore({ ...settings, BLOB_STORE_URL: 's3://gongkai-files', S3_ENDPOINT: 'http://127.0.0.1:1' });
    expect(loaded).toBe(true);
    await s3.close();
  });
});
