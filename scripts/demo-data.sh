#!/usr/bin/env bash
# Fills one or more tenants with generated demo data in every data service, through the platform's
# bulk data generator (POST /api/v1/tenants/{tenant_id}/demo-data?size=..., services only).
#
# Usage: scripts/demo-data.sh [-s small|medium|large|xlarge|xxlarge] [-u BASE_URL] TENANT_ID [TENANT_ID ...]
#   -s  size per tenant: small ~1k rows, medium ~10k, large ~100k, xlarge ~1M, xxlarge ~10M (default: small)
#   -u  base URL of any process that runs the platform (default: $BAKERY_URL or http://127.0.0.1:8080)
#
# The script exchanges the platform's service client credentials for a service token at
# POST /api/v1/auth/service-token. Client id: $BAKERY_SERVICECLIENT_ID (default bakery-platform).
# Secret: $BAKERY_SERVICECLIENT_SECRET, else the file <data-dir>/keys/service-client-secret, where the
# data directory is $BAKERY_DATA_DIR (default ./data, the platform's default).
# Prints each tenant's answer (rows per service and table, total rows, elapsed ms, rows per second).
set -euo pipefail

size=small
base_url="${BAKERY_URL:-http://127.0.0.1:8080}"
while getopts "s:u:h" option; do
  case "$option" in
    s) size="$OPTARG" ;;
    u) base_url="$OPTARG" ;;
    *) sed -n '2,14p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [ "$#" -eq 0 ]; then
  sed -n '2,14p' "$0" >&2
  exit 2
fi

client_id="${BAKERY_SERVICECLIENT_ID:-bakery-platform}"
secret="${BAKERY_SERVICECLIENT_SECRET:-}"
if [ -z "$secret" ]; then
  secret_file="${BAKERY_DATA_DIR:-./data}/keys/service-client-secret"
  [ -r "$secret_file" ] || { echo "No secret: set BAKERY_SERVICECLIENT_SECRET or BAKERY_DATA_DIR ($secret_file unreadable)" >&2; exit 1; }
  secret="$(tr -d '[:space:]' < "$secret_file")"
fi

token_json="$(curl -sS --fail-with-body -X POST "$base_url/api/v1/auth/service-token" \
  -H 'Content-Type: application/json' \
  -d "{\"client_id\": \"$client_id\", \"client_secret\": \"$secret\"}")" \
  || { echo "Service token refused: $token_json" >&2; exit 1; }
token="$(printf '%s' "$token_json" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')"
[ -n "$token" ] || { echo "No access_token in: $token_json" >&2; exit 1; }

status=0
for tenant in "$@"; do
  echo "== tenant $tenant, size $size" >&2
  if ! curl -sS --fail-with-body -X POST -H "Authorization: Bearer $token" \
      "$base_url/api/v1/tenants/$tenant/demo-data?size=$size"; then
    status=1
  fi
  echo
done
exit "$status"
