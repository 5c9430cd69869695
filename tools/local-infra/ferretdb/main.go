// Command ferretdb runs an embedded FerretDB v1 (MongoDB wire protocol) server
// on its SQLite backend. It is built and launched by tools/local-infra/up.sh.
//
// Upstream's `go install github.com/FerretDB/FerretDB/cmd/ferretdb` panics on
// missing generated build/version/*.txt files; embedding the
// github.com/FerretDB/FerretDB/ferretdb package from our own main module
// skips that check.
//
// With -ping URI it instead acts as a readiness probe: it connects to URI with
// the MongoDB Go driver, runs `ping` and `listDatabases`, and exits 0 on success.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func main() {
	listen := flag.String("listen-addr", envOr("FERRETDB_LISTEN_ADDR", "127.0.0.1:27027"), "TCP address to listen on")
	dataDir := flag.String("data-dir", envOr("FERRETDB_DATA_DIR", "data"), "directory for the SQLite database files")
	logLevel := flag.String("log-level", envOr("FERRETDB_LOG_LEVEL", "info"), "log level: debug, info, warn, error")
	ping := flag.String("ping", "", "readiness probe: ping this MongoDB URI and exit instead of serving")
	flag.Parse()

	if *ping != "" {
		if err := probe(*ping); err != nil {
			fmt.Fprintf(os.Stderr, "ping %s: %v\n", *ping, err)
			os.Exit(1)
		}
		return
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "invalid -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)

	if err := serve(logger, *listen, *dataDir); err != nil {
		logger.Error("FerretDB failed", "error", err)
		os.Exit(1)
	}
}

func serve(logger *slog.Logger, listen, dataDir string) error {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	if err = os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	// The SQLite handler wants a directory URI ending with a slash. FerretDB already uses WAL;
	// synchronous=NORMAL drops the fsync on every commit (read models are rebuilt from the event
	// store, so losing the last writes on a power cut costs a replay, never data).
	sqliteURL := "file:" + strings.TrimSuffix(filepath.ToSlash(dir), "/") + "/?_pragma=synchronous(normal)"

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger.Info("FerretDB started", "uri", f.MongoDBURI(), "sqlite", sqliteURL, "pid", os.Getpid())

	if err = f.Run(ctx); err != nil {
		return err
	}
	logger.Info("FerretDB stopped")
	return nil
}

func probe(uri string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	opts := options.Client().ApplyURI(uri).
		SetServerSelectionTimeout(3 * time.Second).
		SetConnectTimeout(2 * time.Second)
	client, err := mongo.Connect(ctx, opts)
	if err != nil {
		return err
	}
	defer client.Disconnect(context.Background()) //nolint:errcheck // best effort

	if err = client.Database("admin").RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Err(); err != nil {
		return err
	}
	_, err = client.ListDatabaseNames(ctx, bson.D{})
	return err
}
