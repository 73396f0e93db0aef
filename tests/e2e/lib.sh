# Helpers for the end-to-end tests. Source it first; it sets -eu, makes a
# fresh scratch directory ($SCRATCH) and defines the checks below. Each
# failed check prints what was expected and exits 1.
set -euo pipefail
: "${NEWSDEX_INDEX:?}" "${NEWSDEX_SEARCH:?}" "${NEWSDEX_SOURCE_DIR:?}"
SCRATCH=${NEWSDEX_SCRATCH:-$(mktemp -d)}
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
unset NEWSDEX_DB
# Paths as newsdex stores them: absolute and lexically normal.
NEWSDEX_SOURCE_DIR=$(realpath -s -m "$NEWSDEX_SOURCE_DIR")
NEWSDEX_SHARED=$(realpath -s -m "${NEWSDEX_SHARED:-/nonexistent}")
checks=0

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_status CODE CMD...: runs CMD, stdout to $SCRATCH/out, stderr to
# $SCRATCH/err, and checks its exit status.
expect_status() {
  local want=$1; shift
  local got=0
  "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" || got=$?
  [[ $got == "$want" ]] || fail "exit $got, expected $want: $*
--- stdout:
$(head -c 2000 "$SCRATCH/out")
--- stderr:
$(head -c 2000 "$SCRATCH/err")"
  checks=$((checks + 1))
}

# expect_contains FILE TEXT: FILE contains TEXT (fixed string).
expect_contains() {
  grep -qF -- "$2" "$1" || fail "$1 does not contain '$2':
$(head -c 2000 "$1")"
  checks=$((checks + 1))
}

expect_not_contains() {
  if grep -qF -- "$2" "$1"; then fail "$1 contains '$2'"; fi
  checks=$((checks + 1))
}

# expect_eq GOT WANT WHAT
expect_eq() {
  [[ "$1" == "$2" ]] || fail "$3: got '$1', expected '$2'"
  checks=$((checks + 1))
}

# jqr FILTER: runs jq -r on $SCRATCH/out.
jqr() { jq -r "$1" "$SCRATCH/out"; }

need_shared() {
  if [[ ! -d ${NEWSDEX_SHARED:-/nonexistent}/corpus ]]; then
    echo "SKIP: ../shared is not present" >&2
    exit 77
  fi
}

done_ok() { echo "ok: $checks checks"; }
