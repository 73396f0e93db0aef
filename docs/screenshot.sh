#!/usr/bin/env bash
# Takes docs/page.png, the README's picture of the page: indexes the bundled
# corpus/ into a scratch directory, starts newsdex-serve on a free loopback
# port, and has headless Chromium (the one e2e.browser uses) take the page's
# results for Tartus. Usage: docs/screenshot.sh [BUILD_DIR] (default build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
tmp=$(mktemp -d)
pid=
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

"$build/indexer/newsdex-index" -q --db "$tmp/db" "$root/corpus"
"$build/serve/newsdex-serve" --db "$tmp/db" --listen 127.0.0.1:0 2>"$tmp/serve.log" &
pid=$!
url=
for _ in $(seq 100); do
  url=$(grep -so 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.log" | head -1 || true)
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { echo "screenshot: newsdex-serve did not start: $(cat "$tmp/serve.log")" >&2; exit 1; }

chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
  --user-data-dir="$tmp/profile" --window-size=1100,760 --virtual-time-budget=10000 \
  --screenshot="$tmp/page.png" "$url/?q=Tartus" 2>/dev/null
cp "$tmp/page.png" "$root/docs/page.png"
echo "docs/page.png: $(stat -c %s "$root/docs/page.png") bytes"
