# The page of newsdex-serve in a real headless Chromium (chromedriver and
# Selenium, Debian packages): searching Tartus, a place facet, the chart
# against the API's histogram, the entity page, the article view, and an
# article whose fields are XSS payloads. The browser checks are in
# browser_page.py; this script builds the index, starts the server on a free
# loopback port and stops it. Skipped (77) where Chromium, chromedriver or
# Selenium are missing (.ci/install-deps --test installs them).
source "$(dirname "$0")/lib.sh"
: "${NEWSDEX_SERVE:?}"

# Debian's python3, whose dist-packages hold python3-selenium (a python3
# earlier on PATH, such as a pyenv shim, may not see them).
PY=/usr/bin/python3
for need in /usr/bin/chromium /usr/bin/chromedriver "$PY"; do
  if [[ ! -x $need ]]; then
    echo "SKIP: $need is missing (.ci/install-deps --test installs chromium, chromium-driver, python3-selenium)" >&2
    exit 77
  fi
done
if ! "$PY" -c 'import selenium' 2>/dev/null; then
  echo "SKIP: python3-selenium is missing (.ci/install-deps --test installs it)" >&2
  exit 77
fi

# The hostile article: every field a payload that would run if the page
# built HTML from data. The word 'xsspayloadword' finds it.
word=xsspayloadword
cat >"$SCRATCH/xss.jsonl" <<'EOF'
{"id": "xss-1", "title": "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> \"onmouseover=\"window.__xss=3\" xsspayloadword", "date": "2025-01-02T00:00:00Z", "source": "<svg onload=window.__xss=4>", "author": "<iframe src=javascript:window.__xss=5>", "url": "javascript:window.__xss=6", "body": "xsspayloadword <script>window.__xss=7</script> <img src=x onerror=window.__xss=8> \"onmouseover=\"window.__xss=9\" <a href=\"javascript:window.__xss=10\">link</a>\n\n<b>bold</b> &lt;b&gt; end."}
EOF
mkdir -p "$SCRATCH/corpus"
cp -r "$NEWSDEX_SOURCE_DIR/corpus/." "$SCRATCH/corpus/"
cp "$SCRATCH/xss.jsonl" "$SCRATCH/corpus/"
expect_status 0 "$NEWSDEX_INDEX" -q --db "$SCRATCH/db" "$SCRATCH/corpus"

port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$NEWSDEX_SERVE" --db "$SCRATCH/db" --listen "127.0.0.1:$port" 2>"$SCRATCH/serve.log" &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do
  if "$PY" -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "$base/" 2>/dev/null; then
    break
  fi
  kill -0 "$serve_pid" 2>/dev/null || fail "newsdex-serve exited: $(cat "$SCRATCH/serve.log")"
  sleep 0.1
done

"$PY" "$NEWSDEX_SOURCE_DIR/tests/e2e/browser_page.py" "$base" "$SCRATCH" "$word" ||
  fail "the browser checks failed (server log: $SCRATCH/serve.log)"
checks=$((checks + 1))
done_ok
