#!/usr/bin/env bash
# Refreshes openapi/v1.json from what the store serves (a store on a throwaway test database), then rebuilds
# Store.ApiClientTests, whose NSwag-generated client comes from that file. Run after changing an /api route.
set -euo pipefail
cd "$(dirname "$0")/.."
STORE_ROOT="$(pwd)"
export STORE_ROOT
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# The store that serves the document runs on a throwaway database of the test PostgreSQL, as in ./store.sh test.
pg_ensure_running
export STORE_TEST_PG="${STORE_TEST_PG:-$ConnectionStrings__Store}"
dotnet build Store.ApiClientTests -c Release -nologo -v q -p:SkipStoreClient=true
STORE_UPDATE_OPENAPI=1 dotnet test Store.ApiClientTests -c Release --no-build --filter "FullyQualifiedName~OpenApiSnapshotTests"
dotnet build Store.ApiClientTests -c Release -nologo -v q
git --no-pager diff --stat -- openapi/v1.json
