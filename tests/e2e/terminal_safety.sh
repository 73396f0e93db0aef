# Archive text and queries never reach the terminal raw: newsdex-search's
# text output (titles, snippets, the meta line, facets, --entity-list,
# --stats, warnings and errors that quote the query) has no control
# characters but its own bold marks, whatever escape sequences the
# articles hold (window title, screen clear, OSC 8 links, 8-bit CSI);
# --json escapes them as JSON does, and so does --export (CSV as stored
# into a pipe, made terminal-safe on a terminal).
source "$(dirname "$0")/lib.sh"
in=$SCRATCH/in
db=$SCRATCH/db
mkdir -p "$in"
# JSON escapes put ESC, BEL and C1 CSI (U+009B) into every text field;
# the file name holds a raw ESC too.
cat > "$in/evil"$'\e[2J'".jsonl" <<'JSONL'
{"id":"evil-1","title":"Quokka \u001b]0;pwned\u0007 title \u001b[2J","body":"Quokka body \u001b]8;;http://evil.example/\u001b\\click\u001b]8;;\u001b\\ and \u009b31m red \u0007 bell.\nVladimir Putin met the quokka.","author":"Au\u001b[31mthor","source":"Evil\u001b]0;x\u0007Wire","url":""}
JSONL
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$in"

# no_raw_controls FILE: no ESC except the bold marks, no BEL, no C1.
no_raw_controls() {
  local rest
  rest=$(sed -e $'s/\e\\[1m//g' -e $'s/\e\\[0m//g' "$1")
  if grep -q $'\e' <<<"$rest"; then fail "raw ESC in $1: $(od -c "$1" | head -20)"; fi
  if grep -q $'\a' "$1"; then fail "raw BEL in $1"; fi
  if LC_ALL=C grep -q $'\xc2[\x80-\x9f]' "$1"; then fail "raw C1 control in $1"; fi
  checks=$((checks + 1))
}

for color in never always; do
  expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --color "$color" --facets quokka
  no_raw_controls "$SCRATCH/out"
  expect_contains "$SCRATCH/out" "pwned"
  expect_contains "$SCRATCH/out" "Wire"
  expect_contains "$SCRATCH/out" "thor"
done
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --color always quokka
expect_contains "$SCRATCH/out" $'\e[1mQuokka\e[0m'
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --stats
no_raw_controls "$SCRATCH/out"
# --export is data: into a pipe or a file CSV holds the text as stored, and
# JSON Lines escapes C0 controls; on a terminal (script(1) gives it one)
# every field is made terminal-safe.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --export csv --fields id,title quokka
expect_contains "$SCRATCH/out" $'Quokka \e]0;pwned title'
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --export jsonl --fields id,title,author quokka
expect_contains "$SCRATCH/out" '"Quokka \u001b]0;pwned\u0007 title \u001b[2J"'
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
  for fmt in csv jsonl; do
    script -qec "$(printf '%q ' "$NEWSDEX_SEARCH" --db "$db" --export "$fmt" --fields id,title,source,author quokka)" \
      /dev/null > "$SCRATCH/tty.out" || fail "--export $fmt on a terminal failed"
    no_raw_controls "$SCRATCH/tty.out"
    expect_contains "$SCRATCH/tty.out" "pwned"
    expect_contains "$SCRATCH/tty.out" "evil-1"
  done
else
  echo "note: script(1) cannot open a pseudo-terminal here (no /dev/pts?): --export on a terminal is not checked" >&2
fi
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --entity-list person
no_raw_controls "$SCRATCH/out"
# Warnings and errors that quote the query.
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" $'*\e]0;x\aquokka'
no_raw_controls "$SCRATCH/err"
expect_contains "$SCRATCH/err" "newsdex-search: warning:"
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" $'date:\e[2J'
no_raw_controls "$SCRATCH/err"
expect_contains "$SCRATCH/err" "newsdex-search: date:"
expect_status 2 "$NEWSDEX_SEARCH" --db "$SCRATCH/no"$'\e[2J'"where" quokka
no_raw_controls "$SCRATCH/err"

# JSON: the fields as stored, with control characters escaped.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json quokka
if grep -q $'\e' "$SCRATCH/out"; then fail "raw ESC in JSON output"; fi
expect_contains "$SCRATCH/out" '\u001b]0;pwned\u0007'
expect_eq "$(jqr '.results[0].title')" $'Quokka \e]0;pwned\a title \e[2J' "the JSON title is the stored title"
done_ok
