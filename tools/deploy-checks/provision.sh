#!/usr/bin/env bash
# Provisions what tools/deploy-checks needs and tests must not download at run time: the kustomize
# binary (sigs.k8s.io/kustomize/kustomize/v5, built with `go install` from the Go module proxy),
# cached under ${GONGKAI_CACHE_DIR:-$HOME/.cache/gongkai}/artifacts/kustomize-<version>/.
# The Kubernetes API schemas come from the npm package kubernetes-models (devDependency).
# Prints the binary's path on stdout; a second run only checks that it is there (~0.01 s).
set -euo pipefail
version=v5.8.2 # v5.8.3 needs sigs.k8s.io/kustomize/api v0.21.3, which needs a newer Go than 1.26
cache="${GONGKAI_CACHE_DIR:-$HOME/.cache/gongkai}"
bin_dir="$cache/artifacts/kustomize-$version/bin"
if [[ ! -x $bin_dir/kustomize ]]; then
  command -v go >/dev/null || { echo "go is missing: apt-get install golang-go (1.21+)" >&2; exit 1; }
  mkdir -p "$cache/logs" "$bin_dir.tmp"
  echo "building kustomize $version (once, ~30 s; log: $cache/logs/kustomize-build.log)" >&2
  if ! GOTOOLCHAIN=local GOFLAGS=-mod=mod GOBIN="$bin_dir.tmp" \
    go install "sigs.k8s.io/kustomize/kustomize/v5@$version" >"$cache/logs/kustomize-build.log" 2>&1; then
    tail -20 "$cache/logs/kustomize-build.log" >&2
    exit 1
  fi
  rm -rf "$bin_dir" && mv "$bin_dir.tmp" "$bin_dir"
fi
echo "$bin_dir/kustomize"
