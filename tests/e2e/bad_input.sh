# Bad input is reported one line per problem, the run goes on, exit 1, and
# the good articles are indexed.
source "$(dirname "$0")/lib.sh"
in=$SCRATCH/in
mkdir -p "$in/sub"
printf 'Good headline\n\nA good article about harbour cranes.\n' > "$in/good.txt"
: > "$in/empty.txt"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' > "$in/picture.txt"
printf '{"id":"j1","title":"First","body":"cranes one"}\n{"id":"j2","title":broken\n{"id":"j3","title":"Third","body":"cranes three","date":"not a date"}\n' > "$in/sub/feed.jsonl"
printf 'Caf\xe9 owners protest\n\nThe caf\xe9 owners want lower rents for cranes.\n' > "$in/latin1.txt"
head -c 2500000 /dev/zero | tr '\0' 'a' > "$in/huge.txt"
printf 'notes' > "$in/notes.docx"

expect_status 1 "$NEWSDEX_INDEX" --no-entities --max-file-size 1 --db "$SCRATCH/db" "$in" "$in/notes.docx" "$in/missing.txt"
err=$SCRATCH/err
expect_contains "$err" "$in/empty.txt: empty file"
expect_contains "$err" "$in/picture.txt: binary file"
expect_contains "$err" "$in/sub/feed.jsonl:2: not valid JSON"
expect_contains "$err" "$in/sub/feed.jsonl:3: unparseable date 'not a date'"
expect_contains "$err" "$in/latin1.txt: invalid UTF-8 repaired"
expect_contains "$err" "$in/huge.txt: file too large"
expect_contains "$err" "$in/notes.docx: unsupported file type"
expect_contains "$err" "$in/missing.txt: no such file or directory"
expect_contains "$err" "added 4,"
# Every diagnostic is exactly one line that names its file.
while IFS= read -r line; do
  [[ $line == "newsdex-index: added"* ]] && continue
  [[ $line == "newsdex-index: "*"$in/"* ]] || fail "diagnostic without a file name: $line"
done < "$err"

expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/db" --json cranes
expect_eq "$(jqr '.total')" "4" "good, j1, j3 and the repaired Latin-1 article are indexed"
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/db" --json café
expect_contains "$SCRATCH/out" "<b>café</b>"
done_ok
