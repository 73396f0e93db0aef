# Nightly runs never lose or double articles silently: an emptied root
# deletes nothing (exit 1) until --allow-delete; a moved root doubles
# nothing once --prune runs; removing one JSON Lines record is one
# deletion, not a rewrite of the records after it; an id held by two files
# is reported on every run and its article survives the deletion of
# either file; --field and the roots are remembered; files newsdex does
# not read are counted by extension; a missing root creates no database;
# an emptied file loses its articles.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
work=$(realpath -s -m "$SCRATCH/work")
mkdir -p "$work"
count() { "$NEWSDEX_SEARCH" --db "$1" --json --stats | jq -r .articles; }

# --- 1. An emptied root deletes nothing and exits 1 ------------------------
arc=$work/arc
db=$work/db1
make_text_articles "$arc/text" 40 4
make_jsonl_articles "$arc/feed.jsonl" 1 20
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$arc"
expect_eq "$(count "$db")" "60" "60 articles indexed"
mv "$arc" "$work/arc.away" && mkdir "$arc"     # an unmounted disk: the mount point is empty
expect_status 1 "$NEWSDEX_INDEX" --db "$db" --summary-json "$work/s.json" "$arc"
expect_contains "$SCRATCH/err" "error: $arc: not deleting 60 of its 60 articles: more than --max-delete 50%"
expect_contains "$SCRATCH/err" "deleted 0,"
expect_eq "$(count "$db")" "60" "an emptied root deletes nothing"
expect_eq "$(jq -c '.deletions_refused' "$work/s.json")" "[{\"root\":\"$arc\",\"would_delete\":60,\"articles\":60}]" "refusal in the summary JSON"
expect_eq "$(jq -r .exit_code "$work/s.json")" "1" "exit code in the summary JSON"
# The same with no PATH (the remembered root), and in a dry run.
expect_status 1 "$NEWSDEX_INDEX" --db "$db"
expect_status 1 "$NEWSDEX_INDEX" --db "$db" --dry-run
expect_eq "$(grep -c '^delete ' "$SCRATCH/out" || true)" "0" "a dry run plans no refused deletion"
expect_eq "$(count "$db")" "60" "still 60"
# Half of them gone is within the default limit; a deliberate purge needs
# --allow-delete (or --max-delete 100).
rm -rf "$arc" && mv "$work/arc.away" "$arc"
rm "$arc"/text/d0/*.txt "$arc"/text/d1/*.txt                 # 20 of 60
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$arc"
expect_contains "$SCRATCH/err" "deleted 20,"
rm -rf "$arc"/*
expect_status 1 "$NEWSDEX_INDEX" --db "$db" --max-delete 90 "$arc"
expect_eq "$(count "$db")" "40" "a 100% deletion is refused at --max-delete 90"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --allow-delete "$arc"
expect_eq "$(count "$db")" "0" "--allow-delete purges"

# --- 2. A moved root: no doubles, and --prune removes the old copies -------
arc=$work/archive
db=$work/db2
make_text_articles "$arc/text" 30 3
make_jsonl_articles "$arc/feed.jsonl" 1 20
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$arc"
expect_eq "$(count "$db")" "50" "50 articles"
mv "$arc" "$work/archive2"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$work/archive2"
# Records with ids of their own move with their file: updated, not doubled.
expect_contains "$SCRATCH/err" "added 30, updated 20, deleted 0,"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --prune --allow-delete --dry-run
expect_eq "$(grep -c "^delete .* $arc/text/" "$SCRATCH/out")" "30" "--prune --dry-run plans the old copies' deletion"
expect_eq "$(grep -c "^delete " "$SCRATCH/out")" "30" "and nothing else"
expect_eq "$(count "$db")" "80" "a dry run changes nothing"
# The old root holds 30 of its 50 articles still (its records with ids
# moved): deleting them is more than --max-delete.
expect_status 1 "$NEWSDEX_INDEX" --db "$db" --prune
expect_contains "$SCRATCH/err" "$arc: not deleting 30 of its 50 articles"
expect_eq "$(count "$db")" "80" "a refused prune deletes nothing"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --prune --allow-delete
expect_contains "$SCRATCH/err" "$arc no longer exists"
expect_contains "$SCRATCH/err" "deleted 30,"
expect_eq "$(count "$db")" "50" "after --prune: each article once"
expect_eq "$(index_ids "$db" | grep -c "^$arc/" || true)" "0" "no article of the old root left"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --stats
expect_eq "$(jqr '.roots | join(",")')" "$work/archive2" "the old root is forgotten, the new one remembered"
expect_status 0 "$NEWSDEX_INDEX" --db "$db"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 0, unchanged 50, failed 0"

# --- 3. One JSON Lines record removed: one deletion, nothing rewritten -----
db=$work/db3
feed=$work/feed3/feed.jsonl
mkdir -p "$work/feed3"
make_jsonl_articles "$feed" 1 300
printf '{"title":"Zebracorn record without an id","body":"Its identity is its content, not its line."}\n' >> "$feed"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$feed"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'id:j0005'
expect_eq "$(jqr '.results[0].line')" "5" "record j0005 at line 5"
sed -i '2d' "$feed"   # j0002, near the top: every later record moves up a line
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$feed"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 1, unchanged 300, failed 0"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'id:j0005'
expect_eq "$(jqr '.results[0].line')" "4" "a moved record shows its new line"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'id:j0002'
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json '"without an id"'
expect_eq "$(jqr '.total')" "1" "the record without an id is still there, once"

# --- 4. An id in two files: reported on every run, never lost --------------
db=$work/db4
dir=$work/dup
mkdir -p "$dir"
make_jsonl_articles "$dir/a.jsonl" 1 5
printf '{"id":"j0003","title":"Zebracorn copy in b","body":"The same id in another file."}\n' > "$dir/b.jsonl"
for run in 1 2 3; do
  expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" --summary-json "$work/s.json" "$dir"
  expect_contains "$SCRATCH/err" "warning: $dir/a.jsonl:3: id 'j0003' is also at $dir/b.jsonl:1, whose article is the one indexed"
  expect_contains "$SCRATCH/err" "; id collisions 1"
  expect_eq "$(jq -r .collisions "$work/s.json")" "1" "collisions in the summary JSON (run $run)"
done
expect_eq "$(count "$db")" "5" "five ids, five articles"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'id:j0003'
expect_eq "$(jqr '.results[0].title')" "Zebracorn copy in b" "the record read last is indexed"
# Deleting the file that holds the article brings the other record in.
rm "$dir/b.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$dir"
expect_not_contains "$SCRATCH/err" "collisions"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'id:j0003'
expect_eq "$(jqr '.results[0].title')" "Feed item 3" "the other file's record is indexed once the holder is gone"
expect_eq "$(count "$db")" "5" "still five"
# And deleting the shadowed copy's file deletes nothing of the holder.
printf '{"id":"j0004","title":"Zebracorn copy in c","body":"Another copy."}\n' > "$dir/c.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$dir"
rm "$dir/c.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$dir"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'id:j0004'
expect_eq "$(jqr '.results[0].title')" "Feed item 4" "j0004 back from a.jsonl"
expect_eq "$(count "$db")" "5" "five at the end"

# --- 5. --field is remembered; a record with neither title nor body fails --
db=$work/db5
mkdir -p "$work/nested"
printf '{"id":"n1","meta":{"head":"Zebracorn cocoa exports"},"text":"Cocoa shipments rose."}\n' > "$work/nested/a.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --field title=meta.head --db "$db" "$work/nested"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'title:cocoa'
printf '{"id":"n2","meta":{"head":"Zebracorn cocoa imports"},"text":"Cocoa arrivals fell."}\n' >> "$work/nested/a.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$work/nested"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'title:cocoa'
expect_eq "$(jqr '.total')" "2" "the next run remembers --field title=meta.head"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --stats
expect_eq "$(jqr '.articles')" "2" "two articles, no empty one"
# A record the mapping gives neither a title nor a body is a failed record.
printf '{"id":"n3","meta":{"other":"x"},"summary_html":"<p>no text field</p>"}\n' >> "$work/nested/a.jsonl"
expect_status 1 "$NEWSDEX_INDEX" --db "$db" "$work/nested"
expect_contains "$SCRATCH/err" "error: $work/nested/a.jsonl:3: no title or body"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'id:n3'
sed -i '3d' "$work/nested/a.jsonl"
# Forgetting the mapping re-reads the files with the built-in field names.
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --field title= "$work/nested"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'title:cocoa'

# --- 6. Files newsdex does not read are counted by extension ---------------
db=$work/db6
mkdir -p "$work/mixed/sub"
make_text_articles "$work/mixed/text" 3 1
for f in a.xml b.xml c.xml sub/d.xml e.gz f.gz g.docx README.md .hidden.xml; do printf 'x' > "$work/mixed/$f"; done
printf 'x' > "$work/mixed/noext"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" --summary-json "$work/s.json" "$work/mixed"
expect_contains "$SCRATCH/err" "failed 0 in "
expect_contains "$SCRATCH/err" "; skipped 8: .xml 4, .gz 2, (no extension) 1, .docx 1"
expect_eq "$(jq -c '[.skipped, .skipped_by_extension]' "$work/s.json")" '[8,{".xml":4,".gz":2,"(no extension)":1,".docx":1}]' "skipped in the summary JSON"

# --- 7. A root that does not exist creates no database ---------------------
expect_status 1 "$NEWSDEX_INDEX" --db "$work/never.db" "$work/nonexistent"
expect_contains "$SCRATCH/err" "$work/nonexistent: no such file or directory"
[[ ! -e $work/never.db ]] || fail "a database was created for a missing root"
# ...and an existing database whose only root is missing loses nothing.
expect_status 1 "$NEWSDEX_INDEX" --db "$work/db6" "$work/nonexistent"
expect_eq "$(count "$work/db6")" "3" "nothing deleted"

# --- 8. An emptied file loses its articles ---------------------------------
db=$work/db8
make_text_articles "$work/e/text" 6 1
make_jsonl_articles "$work/e/feed.jsonl" 1 4
make_jsonl_articles "$work/e/other.jsonl" 10 13
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$work/e"
expect_eq "$(count "$db")" "14" "14 articles"
: > "$work/e/text/d0/art00001.txt"                 # 0 bytes
printf '  \n\n \n' > "$work/e/feed.jsonl"           # only whitespace
expect_status 1 "$NEWSDEX_INDEX" --db "$db" "$work/e"
expect_contains "$SCRATCH/err" "error: $work/e/text/d0/art00001.txt: empty file"
expect_contains "$SCRATCH/err" "deleted 5,"
expect_eq "$(count "$db")" "9" "an emptied file has no articles"
printf 'not json\n{broken\n' > "$work/e/other.jsonl"  # every line broken
expect_status 1 "$NEWSDEX_INDEX" --db "$db" "$work/e"
expect_contains "$SCRATCH/err" "$work/e/other.jsonl:1: not valid JSON"
expect_contains "$SCRATCH/err" "deleted 4,"
expect_eq "$(count "$db")" "5" "a file whose records all broke has none either"
# The next run reports the same problems without reading the files.
expect_status 1 "$NEWSDEX_INDEX" --db "$db" --summary-json -
expect_eq "$(jqr '[.failed, .deleted, .files_read] | map(tostring) | join(" ")')" "4 0 0" "problems remembered (two empty files, two broken lines), nothing read"
done_ok
