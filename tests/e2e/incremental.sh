# Re-indexing is incremental: a modified, deleted, renamed, appended-to and
# touched file each give exactly the expected adds, updates, deletes and
# unchanged counts, and the index holds exactly the expected ids. An
# unchanged re-run changes nothing; --dry-run reports the exact changes and
# makes none; --summary-json reports the same counts; a bad file makes the
# run exit 1 and is listed in the JSON failures.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
in=$(realpath -s -m "$SCRATCH/in")
db=$SCRATCH/db
make_text_articles "$in/text" 300 2
make_jsonl_articles "$in/feed.jsonl" 1 20
index() { "$NEWSDEX_INDEX" --no-entities --db "$db" "$@" "$in"; }

# The ids we expect: every text file by its path, every record by its id.
expected_ids() {
  { find "$in/text" -name '*.txt'; grep -o '"id":"[^"]*"' "$in/feed.jsonl" | cut -d'"' -f4; } | LC_ALL=C sort
}

# First run: everything is new.
expect_status 0 index
expect_eq "$(summary_of "$SCRATCH/err")" "added 320, updated 0, deleted 0, unchanged 0, failed 0" "first run"
expect_eq "$(index_ids "$db")" "$(expected_ids)" "ids after the first run"
expect_eq "$(index_ids "$db" | wc -l)" "320" "320 ids after the first run"

# One of each change. mtimes are set explicitly so that no file system's
# timestamp granularity can hide a change.
printf 'An extra paragraph about zebracorn tariffs.\n' >> "$in/text/d1/art00001.txt"   # modified
rm "$in/text/d0/art00002.txt"                                                        # deleted
mv "$in/text/d1/art00003.txt" "$in/text/d0/moved.txt"                                # renamed
sed -i 's/Zebracorn feed record 5 /Zebracorn feed record 5 (corrected) /' "$in/feed.jsonl"   # changed record
make_jsonl_articles "$in/feed.jsonl" 21 22                                           # two appended
touch -d '2001-02-03 04:05:06' "$in/text/d0/art00200.txt"                             # touched only
grep -q 'record 5 (corrected)' "$in/feed.jsonl" || fail "test setup: record 5 not changed"

expect_status 0 index
# added: the renamed file and the 2 new records; updated: the modified file
# and the changed record; deleted: the removed file and the renamed file's
# old path; unchanged: 297 text files (including the touched one) and 19
# records.
expect_eq "$(summary_of "$SCRATCH/err")" "added 3, updated 2, deleted 2, unchanged 316, failed 0" "second run"
expect_eq "$(index_ids "$db")" "$(expected_ids)" "ids after the second run"
expect_eq "$(index_ids "$db" | wc -l)" "321" "321 ids after the second run"
index_ids "$db" > "$SCRATCH/ids.txt"
expect_contains "$SCRATCH/ids.txt" "$in/text/d0/moved.txt"
expect_not_contains "$SCRATCH/ids.txt" "$in/text/d1/art00003.txt"
expect_not_contains "$SCRATCH/ids.txt" "$in/text/d0/art00002.txt"
# The modified and corrected texts are what a search finds now.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json '"extra paragraph"'
expect_eq "$(jqr '[.results[].id] | join(",")')" "$in/text/d1/art00001.txt" "modified file re-read"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json corrected
expect_eq "$(jqr '[.results[].id] | join(",")')" "j0005" "changed record re-read"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --stats
expect_eq "$(jqr '.articles')" "321" "no stale documents left behind"

# Third run, nothing changed: nothing written, and no file opened.
expect_status 0 index --summary-json -
expect_eq "$(summary_of "$SCRATCH/err")" "added 0, updated 0, deleted 0, unchanged 321, failed 0" "unchanged re-run"
expect_eq "$(jqr '[.added, .updated, .deleted, .unchanged, .failed, .exit_code] | map(tostring) | join(" ")')" \
  "0 0 0 321 0 0" "--summary-json - counts"
expect_eq "$(jqr '.files_read')" "0" "an unchanged re-run opens no file"
expect_eq "$(jqr '.failures | length')" "0" "no failures"
ids_before=$(index_ids "$db")

# --dry-run after changes: the exact planned actions on stdout, nothing
# changed.
printf 'Zebracorn fresh article\n\nA brand new zebracorn story.\n' > "$in/text/d1/new.txt"
printf 'More zebracorn.\n' >> "$in/text/d0/art00010.txt"
rm "$in/text/d1/art00011.txt"
sed -i '/"id":"j0022"/d' "$in/feed.jsonl"   # the last record: no other line moves
feed_lines=$(wc -l < "$in/feed.jsonl")
expect_status 0 index --dry-run
expected_actions=$(LC_ALL=C sort <<EOF
add $in/text/d1/new.txt $in/text/d1/new.txt
update $in/text/d0/art00010.txt $in/text/d0/art00010.txt
delete $in/text/d1/art00011.txt $in/text/d1/art00011.txt
delete j0022 $in/feed.jsonl
EOF
)
expect_eq "$(LC_ALL=C sort "$SCRATCH/out")" "$expected_actions" "--dry-run actions"
expect_eq "$(summary_of "$SCRATCH/err")" "added 1, updated 1, deleted 2, unchanged 318, failed 0" "--dry-run summary"
expect_eq "$(index_ids "$db")" "$ids_before" "--dry-run changed nothing"
# A second dry run plans the same: the first saved no file state.
expect_status 0 index --dry-run
expect_eq "$(LC_ALL=C sort "$SCRATCH/out")" "$expected_actions" "a repeated --dry-run plans the same"

# The real run then does exactly what the dry run said, and the summary
# JSON file says the same.
expect_status 0 index --summary-json "$SCRATCH/summary.json"
expect_eq "$(summary_of "$SCRATCH/err")" "added 1, updated 1, deleted 2, unchanged 318, failed 0" "run after --dry-run"
[[ -s $SCRATCH/summary.json ]] || fail "--summary-json FILE not written"
jq -e . "$SCRATCH/summary.json" >/dev/null || fail "--summary-json FILE is not valid JSON"
expect_eq "$(jq -r '[.added, .updated, .deleted, .unchanged, .failed, .exit_code] | map(tostring) | join(" ")' "$SCRATCH/summary.json")" \
  "1 1 2 318 0 0" "--summary-json FILE counts"
expect_eq "$(index_ids "$db")" "$(expected_ids)" "ids after the run following --dry-run"
expect_eq "$(index_ids "$db" | wc -l)" "320" "320 ids"
expect_eq "$feed_lines" "21" "test setup: 21 records left"

# A bad file: exit 1, reported on stderr and in the JSON failures; the
# rest is unchanged. It stays failed on the next run too.
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' > "$in/text/d0/bad.txt"
expect_status 1 index --summary-json -
expect_contains "$SCRATCH/err" "$in/text/d0/bad.txt"
expect_eq "$(summary_of "$SCRATCH/err")" "added 0, updated 0, deleted 0, unchanged 320, failed 1" "run with a bad file"
expect_eq "$(jqr '.exit_code')" "1" "exit_code in JSON"
expect_eq "$(jqr '.failed')" "1" "failed in JSON"
expect_eq "$(jqr '[.failures[].path] | join(",")')" "$in/text/d0/bad.txt" "the bad file is listed in the JSON failures"
expect_eq "$(jqr '.failures[0].reason | length > 0')" "true" "the failure has a reason"
expect_status 1 index
expect_contains "$SCRATCH/err" "failed 1"
rm "$in/text/d0/bad.txt"
expect_status 0 index
expect_eq "$(summary_of "$SCRATCH/err")" "added 0, updated 0, deleted 0, unchanged 320, failed 0" "bad file removed"
expect_eq "$(index_ids "$db")" "$(expected_ids)" "final ids"
done_ok
