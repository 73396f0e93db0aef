# Did you mean: misspelled words and names get a corrected query that
# finds the intended articles (text and JSON), the query's structure kept
# (fields, phrases, filters, other words); a correct query, and a
# misspelled one whose correction finds no more, get none. Spelling data
# follows the archive across runs: words of deleted and changed articles
# are taken out, so they no longer win over the archive's own words.
source "$(dirname "$0")/lib.sh"
work=$(realpath -s -m "$SCRATCH/work")
arc=$work/archive
db=$work/db
mkdir -p "$arc"

cat > "$arc/news.jsonl" <<'EOF'
{"id":"k1","title":"Gorbachev speaks at the Kremlin","date":"1987-03-02T10:00:00Z","body":"Soviet leader Mikhail Gorbachev told a meeting in the Kremlin that economic reform would continue."}
{"id":"k2","title":"Kremlin talks on arms","date":"1987-04-10T10:00:00Z","body":"Officials at the Kremlin said Gorbachev would meet foreign ministers next week to discuss arms control."}
{"id":"t1","title":"Russian ships leave Tartus","date":"2025-01-20T10:00:00Z","body":"Russian warships left the Syrian port of Tartus on Monday, satellite images showed."}
{"id":"s1","title":"New sanctions on exports","date":"2025-02-01T10:00:00Z","body":"The government announced new sanctions on exports of machinery, and said further sanctions were possible."}
{"id":"w1","title":"Wheat shipments rise","date":"1987-05-05T10:00:00Z","body":"Wheat shipments from the Gulf ports rose last week as exporters loaded more grain, traders said."}
{"id":"w2","title":"Grain exports","date":"1987-05-12T10:00:00Z","body":"Exporters said wheat shipments to Egypt and Morocco would continue through June."}
EOF
cat > "$arc/sheets.jsonl" <<'EOF'
{"id":"x1","title":"Balance sheet","date":"1987-06-01T10:00:00Z","body":"The company's balance sheet showed more debt than assets."}
EOF
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$arc"
search() { "$NEWSDEX_SEARCH" --db "$db" "$@"; }

# --- 1. Each misspelling gets the intended correction, which finds its articles.
check() {  # QUERY SUGGESTION MATCHES
  expect_status 1 search --json "$1"
  expect_eq "$(jqr '.total')" "0" "'$1' finds nothing"
  expect_eq "$(jqr '.suggestion.query')" "$2" "'$1': the suggestion"
  expect_eq "$(jqr '.suggestion.total')" "$3" "'$1': the suggestion's matches"
  # The suggestion, searched, finds what it promised.
  expect_status 0 search --json "$2"
  expect_eq "$(jqr '.total')" "$3" "'$2' finds its articles"
  expect_eq "$(jqr '.suggestion')" "null" "'$2' is correct: no suggestion"
}
check 'Kremln' 'Kremlin' 2
check 'Gorbachov' 'Gorbachev' 2
check '"wheet shipmnts"' '"wheat shipments"' 2
check 'Tartuss' 'Tartus' 1
check 'sanktions' 'sanctions' 1
# Case follows the written word; the structure of the query is kept.
check 'KREMLN' 'KREMLIN' 2
check 'title:Kremln date:1987-04' 'title:Kremlin date:1987-04' 1
check '+gorbachov +kremln' '+gorbachev +kremlin' 2
check 'title:(wheet OR grian)' 'title:(wheat OR grain)' 2

# --- 2. Text output: a line before the results.
expect_status 1 search 'Gorbachov'
expect_contains "$SCRATCH/out" 'Did you mean: Gorbachev? (2 matches)'
expect_status 0 search 'Gorbachev'
expect_not_contains "$SCRATCH/out" 'Did you mean'

# --- 3. No suggestion when the correction finds no more than the query,
# for words the archive does not hold, and for filters and numbers.
expect_status 1 search --json 'Kremln Tartuss date:1999'
expect_eq "$(jqr '.suggestion')" "null" "a correction that finds nothing more is not offered"
expect_status 1 search --json 'qwxzy'
expect_eq "$(jqr '.suggestion')" "null" "nothing like the word in the archive"
expect_status 1 search --json 'id:k9'
expect_eq "$(jqr '.suggestion')" "null" "an id is not corrected"
expect_status 1 search --json -- 'Kremln -Gorbachov'
expect_eq "$(jqr '.suggestion.query')" "Kremlin -Gorbachov" "an excluded word is not corrected"

# --- 4. Frequencies follow the archive. "wheet" is one edit from "sheet"
# (one article) and "wheat" (two): Xapian prefers the more frequent, so
# with two more sheet articles the suggestion for "wheet" alone is "sheet".
expect_status 1 search --json 'wheet'
expect_eq "$(jqr '.suggestion.query')" "wheat" "two wheat articles against one sheet article"
printf '%s\n' '{"id":"x2","title":"Steel sheet prices","date":"1987-06-02T10:00:00Z","body":"Prices of steel sheet rose for the third month."}' \
  '{"id":"x3","title":"Sheet metal","date":"1987-06-03T10:00:00Z","body":"Sheet metal orders rose."}' >> "$arc/sheets.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$arc"
expect_status 1 search --json 'wheet'
expect_eq "$(jqr '.suggestion.query')" "sheet" "three sheet articles against two wheat ones"
# The sheet articles changed to say "plate": their "sheet" is taken out of
# the spelling data, so "wheat" is the suggestion (had it stayed, "sheet"
# would be suggested and find nothing, and no suggestion be made).
sed -i 's/[Ss]heet/plate/g' "$arc/sheets.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$arc"
expect_status 1 search --json 'wheet'
expect_eq "$(jqr '.suggestion.query')" "wheat" "changed articles: their old words are out of the spelling data"
# Deleted articles, likewise: bring "sheet" back in three articles, then
# delete the file.
sed -i 's/plate/sheet/g' "$arc/sheets.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$arc"
expect_status 1 search --json 'wheet'
expect_eq "$(jqr '.suggestion.query')" "sheet" "the sheet articles are back"
rm "$arc/sheets.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$arc"
expect_status 1 search --json 'wheet'
expect_eq "$(jqr '.suggestion.query')" "wheat" "deleted articles: their words are out of the spelling data"

done_ok
