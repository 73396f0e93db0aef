# Hostile input (tests/corpora/hostile, plus files generated here that are
# too big, or impossible, to commit): indexing finishes, reports each bad
# file in one line with its reason, exits 1, and loses none of the good
# articles beside them. See tests/corpora/hostile/README.md for each file.
source "$(dirname "$0")/lib.sh"
work=$(realpath -s -m "$SCRATCH/work")
in=$work/in
db=$work/db
mkdir -p "$in/generated" "$in/links" "$in/empty-dir" "$db"
cp -p "$NEWSDEX_SOURCE_DIR"/tests/corpora/hostile/* "$in/"
gen=$in/generated

# 50 MB on one line (words, so the cut body is still searchable).
head -c 50000000 < <(yes 'quokka lorem ipsum dolor sit amet consectetur') | tr '\n' ' ' > "$gen/single-line-50mb.txt"
# 10 MB strings and 1000-character words in a JSON Lines file.
awk 'BEGIN {
  big = "quokka "; while (length(big) < 10000000) big = big big
  word = "Q"; for (i = 1; i < 1000; i++) word = word "x"
  printf "{\"id\":\"big-body\",\"title\":\"Quokka big body\",\"body\":\"%s\"}\n", big
  printf "{\"id\":\"big-title\",\"title\":\"%s\",\"body\":\"A quokka with a long title.\"}\n", big
  printf "{\"id\":\"%s\",\"title\":\"Quokka huge id\",\"body\":\"never indexed\"}\n", big
  printf "{\"id\":\"long-word\",\"title\":\"Quokka %s title\",\"author\":\"%s\",\"source\":\"%s\",\"body\":\"President %s met the quokka %s.\"}\n", word, word, word, word, word
}' > "$gen/big-strings.jsonl"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<div>"; printf "<p>quokka deep text</p>"; for (i = 0; i < 100000; i++) printf "</div>" }' > "$gen/nested-100k.html"
# 100,000 nested elements inside a feed item, after a good item.
awk 'BEGIN { printf "<rss version=\"2.0\"><channel><title>Deep</title>\n<item><guid>quokka-deep-before</guid><title>Quokka before the depths</title></item>\n<item><guid>deep</guid><description>"; for (i = 0; i < 100000; i++) printf "<div>"; printf "quokka deep"; for (i = 0; i < 100000; i++) printf "</div>"; printf "</description></item>\n</channel></rss>\n" }' > "$gen/nested-100k.rss"
{ printf 'Quokka with late NUL bytes\n\n'; head -c 9000 /dev/zero | tr '\0' 'q'; printf ' quokka\0late\0nul\n'; } > "$gen/nul-late.txt"
ln -s . "$in/links/self"
ln -s b.txt "$in/links/a.txt"
ln -s a.txt "$in/links/b.txt"
ln -s nowhere.txt "$in/links/dangling.txt"
mkfifo "$in/fifo.txt"
printf 'Quokka named in Latin-1\n\nA quokka article whose file name is not UTF-8.\n' > "$in/caf"$'\xe9'"-quokka.txt"
printf 'Quokka unreadable\n\nNever read.\n' > "$in/unreadable.txt"
# A file name that would retitle the terminal, clear it and open a link
# if printed raw: every diagnostic quoting it is made terminal-safe.
printf '\x89PNG\r\n\x1a\n\0\0' > "$in/evil"$'\x1b]0;pwned\x07\x1b[2J\x1b]8;;x\x1b\\'"link.txt"
printf 'Quokka deleted\n\nDeleted before it was read.\n' > "$in/deleted-mid-run.txt"

: > "$db/newsdex.lock"
# root reads anything: run the indexer as nobody on a tree it owns.
as_user=()
if [[ $(id -u) == 0 ]]; then
  if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 &&
     setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups test -x "$NEWSDEX_INDEX"; then
    chown -R -h nobody "$work"
    as_user=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
  else
    echo "note: running as root without setpriv/nobody: the unreadable-file check is skipped" >&2
    rm "$in/unreadable.txt"
  fi
fi
[[ -e $in/unreadable.txt ]] && chmod 000 "$in/unreadable.txt"

# The indexer walks first, then waits (--wait) for the database lock, which
# this shell holds: once it has the lock file open the walk is over, so
# deleting a listed file now is deterministic.
exec 9<>"$db/newsdex.lock"
flock -x 9
"${as_user[@]}" "$NEWSDEX_INDEX" --wait --no-entities --db "$db" "$in" "$in/empty-dir" \
  >"$SCRATCH/out" 2>"$SCRATCH/err" 9>&- &
pid=$!
deadline=$((SECONDS + 60))
# Until the process is newsdex-index itself: between fork and exec the
# child still holds this shell's fd 9 on the lock file.
until [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == "$(realpath "$NEWSDEX_INDEX")" ]] &&
      ls -l "/proc/$pid/fd" 2>/dev/null | grep -q 'newsdex.lock'; do
  kill -0 "$pid" 2>/dev/null || fail "the indexer ended before taking the lock: $(cat "$SCRATCH/err")"
  ((SECONDS < deadline)) || fail "the indexer never opened the lock file"
  sleep 0.05
done
rm "$in/deleted-mid-run.txt"
flock -u 9
exec 9>&-
rc=0; wait "$pid" || rc=$?
expect_eq "$rc" "1" "exit status (stderr: $(head -c 3000 "$SCRATCH/err"))"

err=$SCRATCH/err
expect_contains "$err" "error: $in/nul-bytes.txt: binary file"
expect_contains "$err" "warning: $in/invalid-utf8.txt: invalid UTF-8 repaired"
expect_contains "$err" "warning: $in/no-body.html: no body text"
expect_contains "$err" "error: $gen/nested-100k.html: no article text found"
expect_contains "$err" "error: $in/wrong-types.jsonl:5: expected a JSON object, found array"
expect_contains "$err" "error: $in/wrong-types.jsonl:6: expected a JSON object, found string"
expect_contains "$err" "warning: $in/wrong-types.jsonl:2: unparseable date 'true'"
expect_contains "$err" "warning: $in/wrong-types.jsonl:3: unparseable date '2025 10 15'"
expect_contains "$err" "error: $in/missing-fields.jsonl:2: no title or body"
expect_contains "$err" "error: $in/missing-fields.jsonl:3: no title or body"
expect_contains "$err" "error: $in/missing-fields.jsonl:4: no title or body"
expect_contains "$err" "warning: $in/duplicate-ids.jsonl:1: id 'dup-1' is also at line 3 of this file, whose article is the one indexed"
expect_contains "$err" "warning: $gen/single-line-50mb.txt: first line too long for a headline"
expect_contains "$err" "warning: $gen/single-line-50mb.txt: text cut: only its first 8 MiB of 47 MiB read; the rest is not indexed (see --max-article-size)"
expect_contains "$err" "warning: $gen/nested-100k.html: page cut: only its first 65536 tags"
expect_contains "$err" "warning: $gen/big-strings.jsonl:1: too long, cut: body"
expect_contains "$err" "warning: $gen/big-strings.jsonl:2: too long, cut: title"
expect_contains "$err" "error: $gen/big-strings.jsonl:3: id too long ("
expect_contains "$err" "error: $in/entity-bomb.rss:16: XML error in this record stops the reading: Detected an entity reference loop"
expect_contains "$err" "error: $gen/nested-100k.rss:3: XML error in this record stops the reading: Excessive depth in document"
expect_not_contains "$err" "xxe-local-file"
expect_contains "$err" "error: $in/links/a.txt: broken symbolic link (a loop of links)"
expect_contains "$err" "error: $in/links/b.txt: broken symbolic link (a loop of links)"
expect_contains "$err" "error: $in/links/dangling.txt: broken symbolic link"
expect_contains "$err" "error: $in/fifo.txt: not a regular file"
expect_contains "$err" "error: $in/deleted-mid-run.txt: cannot read file: No such file or directory"
if [[ -e $in/unreadable.txt ]]; then
  expect_contains "$err" "error: $in/unreadable.txt: cannot open file: Permission denied"
fi
expect_not_contains "$err" "long-word"
expect_not_contains "$err" "nul-late"
expect_not_contains "$err" "utf16"
expect_not_contains "$err" "empty-dir"
# A broken link inside a directory is not a failure to read the directory.
expect_not_contains "$err" "cannot read directory"
# Nothing on stderr can steer a terminal: the file name's escapes are
# replaced, and the line still names the file.
if LC_ALL=C grep -q $'\x1b\|\x07' "$err"; then fail "raw escape sequences on stderr"; fi
expect_contains "$err" "error: $in/evil"$'\xef\xbf\xbd'"]0;pwned"
# Every diagnostic is one line that names its file.
while IFS= read -r line; do
  [[ $line == "newsdex-index: added"* ]] && continue
  [[ $line == "newsdex-index: "*"$in/"* ]] || fail "diagnostic without a file name: ${line:0:300}"
done < "$err"

# Every good article is there, and nothing else.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 1000 quokka
# A record without an id is named by its file and a hash of its content.
got=$(jqr '.results[].id' | sed -E 's/#[0-9a-f]{16}$/#HASH/' | LC_ALL=C sort)
want=$(LC_ALL=C sort <<IDS
$in/good.txt
$in/no-body.html
$in/invalid-utf8.txt
$in/utf16le-bom.txt
$in/utf16be-bom.txt
$in/utf16le-nobom.txt
$in/caf�-quokka.txt
$gen/single-line-50mb.txt
$gen/nul-late.txt
$in/missing-fields.jsonl#HASH
wt-good
wt-date-object
$in/wrong-types.jsonl#HASH
mf-good
dup-1
dup-2
big-body
big-title
long-word
quokka-bomb-before
quokka-xxe
quokka-deep-before
IDS
)
expect_eq "$got" "$want" "the good articles indexed"
# No external entity was loaded: the local file's text is nowhere.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'id:quokka-xxe'
expect_eq "$(jqr '.results[0].title')" "Quokka and here" "an external entity is left out, not loaded"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'root'
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'id:quokka-bomb-after'
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'id:dup-1'
expect_eq "$(jqr '.results[0].title')" "Quokka second version" "a repeated id: the later record wins"
# A record with an id and nothing else is a failure, not an empty article.
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'id:mf-id-only'
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'id:wt-number-title'
expect_eq "$(jqr '.results[0].title')" "3.14159" "a number title is read as text"

# A 1000-character word in the title, author, source, body and (when the
# tagger takes it for a name) an entity does not fail the document.
mkdir -p "$work/words"
grep '"id":"long-word"' "$gen/big-strings.jsonl" > "$work/words/long-word.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --db "$work/words-db" "$work/words"
expect_contains "$SCRATCH/err" "added 1, updated 0, deleted 0, unchanged 0, failed 0"
expect_status 0 "$NEWSDEX_SEARCH" --db "$work/words-db" --json quokka
expect_eq "$(jqr '.results[0].id')" "long-word" "the long-word article is searchable"
done_ok
