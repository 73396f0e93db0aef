# The page of newsdex-serve in a real headless Chromium (chromedriver and
# Selenium, Debian packages): searching Tartus, a place facet, the chart
# against the API's histogram, the entity page, the article view, and an
# article whose fields are XSS payloads
# (tests/corpora/xss). The browser checks are in
# browser_page.py; this script builds the index, starts the server on a free
# loopback port (--listen 127.0.0.1:0) and stops it. Skipped (77) where Chromium, chromedriver or
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

# The bundled corpus, a near-duplicate group (tests/corpora/duplicates),
# the hostile articles of tests/corpora/xss (markup and script in every
# field and in entity names; each has the word quokka) and the publishers'
# topics of tests/corpora/topics.
word=quokka
expect_status 0 "$NEWSDEX_INDEX" -q --db "$SCRATCH/db" "$NEWSDEX_SOURCE_DIR/corpus" \
  "$NEWSDEX_SOURCE_DIR/tests/corpora/duplicates" "$NEWSDEX_SOURCE_DIR/tests/corpora/xss" \
  "$NEWSDEX_SOURCE_DIR/tests/corpora/topics"

# Port 0: the server takes a free port and says which on stderr.
"$NEWSDEX_SERVE" --db "$SCRATCH/db" --listen 127.0.0.1:0 2>"$SCRATCH/serve.log" &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null || true' EXIT
base=
for _ in $(seq 100); do
  base=$(grep -so 'listening on http://127\.0\.0\.1:[0-9]*' "$SCRATCH/serve.log" | head -1 || true)
  [[ -n $base ]] && break
  kill -0 "$serve_pid" 2>/dev/null || fail "newsdex-serve exited: $(cat "$SCRATCH/serve.log")"
  sleep 0.1
done
[[ -n $base ]] || fail "newsdex-serve did not say where it listens: $(cat "$SCRATCH/serve.log")"
base=${base#listening on }

"$PY" -B "$(dirname "$0")/browser_page.py" "$base" "$SCRATCH" "$word" ||
  fail "the browser checks failed (server log: $SCRATCH/serve.log)"
checks=$((checks + 1))
done_ok
