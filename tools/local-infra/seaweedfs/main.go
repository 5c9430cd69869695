// Command seaweedfs-probe is the readiness probe of the local SeaweedFS S3 server that
// tools/local-infra/up.sh starts: a real S3 round trip, signed (SigV4) with the configured
// credentials, through the AWS SDK for Go v2 (already in SeaweedFS's own module graph, so it
// builds from the same cache): create the bucket if missing, list the buckets, put an object
// and read it back. Exit status 0 when all of that works.
//
// The server itself is upstream's `weed` command, built from this module with
//
//	go build -o weed github.com/seaweedfs/seaweedfs/weed
//
// (go.mod names it as a `tool`). `go install github.com/seaweedfs/seaweedfs/weed@<version>` is
// refused because upstream's go.mod carries a `replace`, which only a main module may have; this
// module requires upstream and repeats that replace.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:28333", "S3 endpoint")
	bucket := flag.String("bucket", "gongkai", "bucket to create (if missing) and write a probe object to")
	accessKey := flag.String("access-key", os.Getenv("S3_ACCESS_KEY_ID"), "access key id")
	secretKey := flag.String("secret-key", os.Getenv("S3_SECRET_ACCESS_KEY"), "secret access key")
	timeout := flag.Duration("timeout", 3*time.Second, "give up after this long (up.sh probes again)")
	flag.Parse()

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if err := probe(ctx, *endpoint, *bucket, *accessKey, *secretKey); err != nil {
		fmt.Fprintf(os.Stderr, "s3 probe %s: %v\n", *endpoint, err)
		os.Exit(1)
	}
}

func probe(ctx context.Context, endpoint, bucket, accessKey, secretKey string) error {
	client := s3.New(s3.Options{
		BaseEndpoint: aws.String(endpoint),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(accessKey, secretKey, ""),
		UsePathStyle: true,
	})

	if _, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)}); err != nil {
		if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
			var owned *types.BucketAlreadyOwnedByYou
			if !errors.As(err, &owned) {
				return fmt.Errorf("create bucket %s: %w", bucket, err)
			}
		}
	}

	listed, err := client.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		return fmt.Errorf("list buckets: %w", err)
	}
	found := false
	for _, b := range listed.Buckets {
		found = found || aws.ToString(b.Name) == bucket
	}
	if !found {
		return fmt.Errorf("bucket %s not listed", bucket)
	}

	body := []byte("ready " + time.Now().UTC().Format(time.RFC3339Nano))
	key := aws.String(".probe/ready")
	if _, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: key, Body: bytes.NewReader(body)}); err != nil {
		return fmt.Errorf("put object: %w", err)
	}
	got, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: key})
	if err != nil {
		return fmt.Errorf("get object: %w", err)
	}
	defer got.Body.Close()
	read, err := io.ReadAll(got.Body)
	if err != nil {
		return fmt.Errorf("read object: %w", err)
	}
	if !bytes.Equal(read, body) {
		return errors.New("object read back differs from what was written")
	}
	return nil
}
