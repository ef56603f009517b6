#!/usr/bin/env bash
# Lints the platform's live OpenAPI document with Spectral (spectral:oas + the OWASP ruleset) and
# Redocly (recommended); exits non-zero on any error of either (warnings are printed, not fatal).
#
#   scripts/lint-openapi.sh                 build the jar if needed, start the platform, lint its document
#   scripts/lint-openapi.sh URL             lint the document a running platform serves (http://host:port)
#   scripts/lint-openapi.sh FILE            lint a document saved before (JSON)
#
# Needs node and npm; the linters' versions are pinned in scripts/openapi-lint/package-lock.json.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
lint_dir="$root/scripts/openapi-lint"
work=$(mktemp -d)
platform_pid=""
cleanup() {
    if [[ -n "$platform_pid" ]]; then
        kill "$platform_pid" 2>/dev/null || true
        wait "$platform_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

document="$work/openapi.json"
target="${1:-}"
if [[ -z "$target" ]]; then
    jar="$root/launcher/target/bakery-platform.jar"
    if [[ ! -f "$jar" ]]; then
        (cd "$root" && ./mvnw -q -DskipTests package)
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    echo "Starting the platform on 127.0.0.1:$port (log: $work/platform.log)"
    java -jar "$jar" --server.port="$port" --bakery.data-dir="$work/data" > "$work/platform.log" 2>&1 &
    platform_pid=$!
    target="http://127.0.0.1:$port"
    for _ in $(seq 1 120); do
        curl -sf "$target/v3/api-docs" -o "$document" && break
        if ! kill -0 "$platform_pid" 2>/dev/null; then
            echo "The platform stopped before serving its document:" >&2
            tail -40 "$work/platform.log" >&2
            exit 2
        fi
        sleep 2
    done
fi
if [[ ! -s "$document" ]]; then
    if [[ "$target" == http://* || "$target" == https://* ]]; then
        curl -sf "${target%/}/v3/api-docs" -o "$document"
    elif [[ -f "$target" ]]; then
        cp "$target" "$document"
    else
        echo "No document: $target is neither a URL nor a file" >&2
        exit 2
    fi
fi

cd "$lint_dir"
npm ci --no-audit --no-fund --silent

status=0
echo "== Spectral (spectral:oas, OWASP) =="
npx --no-install spectral lint --ruleset .spectral.yaml --fail-severity error "$document" || status=1
echo "== Redocly (recommended) =="
npx --no-install redocly lint --config redocly.yaml "$document" || status=1
if [[ $status -ne 0 ]]; then
    echo "The API document has lint errors." >&2
fi
exit $status
