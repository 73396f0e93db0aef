# The query language from the command line: single-period dates, date
# errors naming the field, and warnings (stderr in text mode, "warnings"
# in JSON) where the parser read the query otherwise than written, with
# the usual exit status (1: no matches).
source "$(dirname "$0")/lib.sh"
db=$SCRATCH/db
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$NEWSDEX_SOURCE_DIR/corpus"
search() { "$NEWSDEX_SEARCH" --db "$db" "$@"; }
ids() { jq -r '[.results[].id] | sort | join(" ")' "$SCRATCH/out"; }

# A single period is that whole year, month or day, alone or with words.
expect_status 0 search --json --limit 100 'date:2025'
year=$(ids)
expect_status 0 search --json --limit 100 'date:2025..2025'
expect_eq "$(ids)" "$year" "date:2025 is date:2025..2025"
expect_eq "$(jqr '.total')" "8" "the 2025 articles of the sample corpus"
expect_status 0 search --json --limit 100 'date:2025-10'
expect_eq "$(jqr '.total')" "3" "the October 2025 articles"
expect_status 0 search --json 'date:2025-10-15 Tartus'
expect_eq "$(jqr '.results[0].path')" "$NEWSDEX_SOURCE_DIR/corpus/seed/000_bac239f258cd2375.txt" "a day with a word"
expect_eq "$(jqr '.total')" "1" "only the seed article that day"
expect_status 1 search --json 'date:2019 Tartus'
expect_eq "$(jqr '.total')" "0" "no 2019 article: nothing, not the words alone"
expect_status 1 search 'date:2019'

# A date that is not a date is an error naming the field (exit 2).
for q in 'date:foo' 'Tartus date:2025-13' 'date:2025-10-31..2025-10-01'; do
  expect_status 2 search "$q"
  expect_contains "$SCRATCH/err" "newsdex-search: date:"
  expect_eq "$(wc -l < "$SCRATCH/err")" "1" "one line of error for '$q'"
done

# Warnings: one stderr line each in text mode, "warnings" in JSON.
expect_status 0 search 'titel:Tartus'
expect_contains "$SCRATCH/err" "newsdex-search: warning: unknown field 'titel:', searched as words; did you mean title:?"
expect_contains "$SCRATCH/out" "[Tartus]"
expect_status 0 search --json 'titel:Tartus'
expect_eq "$(jqr '.warnings | length')" "1" "one warning in JSON"
expect_eq "$(jqr '.warnings[0] | startswith("unknown field '"'"'titel:'"'"'")')" "true" "the unknown field warning in JSON"
expect_eq "$(wc -c < "$SCRATCH/err")" "0" "JSON mode writes no warning to stderr"
expect_status 0 search '*Tartus'
expect_contains "$SCRATCH/err" "newsdex-search: warning: '*Tartus': a wildcard '*' only works at the end of a word; searched without it"
expect_status 0 search --json 'Tartus'
expect_eq "$(jqr '.warnings | tojson')" "[]" "no warnings: an empty array"
expect_status 0 search 'Tartus'
expect_eq "$(wc -c < "$SCRATCH/err")" "0" "no warnings: nothing on stderr"
# A warning does not change the exit status: 1 when nothing matches.
expect_status 1 search 'titel:zzzyzzx'
expect_contains "$SCRATCH/err" "newsdex-search: warning: unknown field 'titel:'"
expect_status 1 search 'the of'
expect_contains "$SCRATCH/err" "newsdex-search: warning: the query has only stopwords"
expect_status 1 search --json 'AND'
expect_eq "$(jqr '.warnings | length')" "2" "a lone AND: nothing before, nothing after"

# Counts: exact whenever Xapian knows them, in text and JSON alike.
for q in Tartus 'grain OR wheat OR port' 'date:2025'; do
  expect_status 0 search --json "$q"
  total=$(jqr '.total')
  expect_eq "$(jqr '.total_exact')" "true" "an exact count for '$q'"
  expect_status 0 search "$q"
  last=$(tail -n 1 "$SCRATCH/out")
  if [[ $total == 1 ]]; then want="1 match"; else want="$total matches"; fi
  [[ $last == "$want, showing "* ]] || fail "text count for '$q': '$last', expected '$want, showing ...'"
  checks=$((checks + 1))
done

# Words as the index has them: an abbreviation with or without dots.
expect_status 0 search --json --limit 100 'U.S.'
dotted=$(ids)
expect_status 0 search --json --limit 100 'US'
expect_eq "$(ids)" "$dotted" "U.S. and US are one word"
done_ok
