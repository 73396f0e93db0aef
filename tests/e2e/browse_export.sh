# Attention over time, browsing and export (issue 14, items 4, 6, 7): on a
# generated archive whose counts per month are known (1987-MM holds MM
# cocoa stories naming Ronald Reagan, none in June; 3 undated; 2 wheat
# stories in December 1986), --histogram counts every match per year,
# month, week and day, equal to the date: query of each period (with an
# entity filter too); facets count sources and years; a query of filters
# only, `*` and --all list everything, in either date order, paged by
# --offset; --export writes exactly the matches as valid CSV (titles with
# commas and quotes) or JSON Lines; --queries gives one count per line.
# The three undated stories are copies, so searches list every article
# (--duplicates show) to count articles, as the histogram does.
source "$(dirname "$0")/lib.sh"
in=$SCRATCH/in
db=$SCRATCH/db
mkdir -p "$in"
{
  n=0
  for m in 1 2 3 4 5 7 8 9 10 11 12; do
    for ((k = 1; k <= m; k++)); do
      n=$((n + 1))
      src=Reuters; ((n % 2)) || src="AP"
      title="Cocoa prices steady $n"
      ((n % 5)) || title="Cocoa, \\\"prices\\\" and Reagan $n"
      printf '{"id":"c%02d","title":"%s","source":"%s","date":"1987-%02d-%02dT12:00:00Z","body":"President Ronald Reagan said on Monday that cocoa prices in Washington were steady, officials said. Story %d."}\n' \
        "$n" "$title" "$src" "$m" "$((k * 2))" "$n"
    done
  done
  for k in 1 2 3; do
    printf '{"id":"u%d","title":"Cocoa undated %d","source":"Reuters","body":"President Ronald Reagan said cocoa prices were steady, officials said."}\n' "$k" "$k"
  done
  printf '{"id":"w1","title":"Wheat shipments","source":"AP","date":"1986-12-01T09:00:00Z","body":"Wheat shipments rose, traders in Chicago said."}\n'
  printf '{"id":"w2","title":"Wheat shipments fall","source":"AP","date":"1986-12-31T09:00:00Z","body":"Wheat shipments fell, traders in Chicago said."}\n'
} > "$in/feed.jsonl"
expect_status 0 "$NEWSDEX_INDEX" -q --db "$db" "$in"

# --- Histogram: known counts per month, June empty, undated apart.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 0 --histogram month cocoa
expect_eq "$(jqr '.histogram.interval')" "month" "interval"
expect_eq "$(jqr '[.histogram.buckets[] | "\(.period)=\(.count)"] | join(" ")')" \
  "1987-01=1 1987-02=2 1987-03=3 1987-04=4 1987-05=5 1987-06=0 1987-07=7 1987-08=8 1987-09=9 1987-10=10 1987-11=11 1987-12=12" \
  "cocoa per month, June filled with 0"
expect_eq "$(jqr '.histogram.undated')" "3" "undated cocoa"
expect_eq "$(jqr '.total, .total_exact, .histogram.total' | tr '\n' ' ')" "75 true 75 " "total: every match"

# Each period's count is its date: query's count, for every interval, with
# and without an entity filter (and beyond --facet-depth: a pass of its own).
check_periods() {  # QUERY INTERVAL [OPTIONS...]
  local q=$1 interval=$2; shift 2
  expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 0 --histogram "$interval" "$@" "$q"
  local buckets sum=0 period count period_query got
  buckets=$(jqr '.histogram.buckets[] | "\(.period) \(.count)"')
  local undated total
  undated=$(jqr '.histogram.undated')
  total=$(jqr '.total')
  while read -r period count; do
    sum=$((sum + count))
    [[ $interval == week ]] && continue  # no date: form for ISO weeks; checked by days below
    "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 0 "$q date:$period" > "$SCRATCH/period.json" || true
    got=$(jq -r '.total' "$SCRATCH/period.json")
    expect_eq "$got" "$count" "$q --histogram $interval: $period"
  done <<< "$buckets"
  expect_eq "$((sum + undated))" "$total" "$q --histogram $interval: buckets + undated = total"
}
check_periods 'person:"Ronald Reagan"' month
check_periods 'person:"Ronald Reagan"' year
check_periods 'person:"Ronald Reagan"' day
check_periods 'person:"Ronald Reagan"' week
check_periods 'cocoa' month --facet-depth 5
check_periods 'person:"Ronald Reagan"' month --facet-depth 5
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 0 --histogram month 'person:"Ronald Reagan"'
expect_eq "$(jqr '.histogram.buckets | length')" "12" "Reagan: every month of 1987"

# ISO weeks: 1986-12-01 (a Monday) begins 1986-W49; 1986-12-31 (a
# Wednesday) is in 1987-W01, the week of 1987's first Thursday.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 0 --histogram week wheat
expect_eq "$(jqr '[.histogram.buckets[] | select(.count > 0) | .period] | join(" ")')" "1986-W49 1987-W01" "ISO weeks"
expect_eq "$(jqr '.histogram.buckets | length')" "5" "weeks 49 to 52 and 1"

# Text: a chart, ASCII when piped, an undated line.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --limit 0 --histogram month cocoa
expect_contains "$SCRATCH/out" "Matches per month:"
expect_contains "$SCRATCH/out" "  1987-06 0"
expect_contains "$SCRATCH/out" "  undated 3"
expect_eq "$(grep -c '^  1987-12 #* 12$' "$SCRATCH/out")" "1" "the largest month has a bar"
expect_not_contains "$SCRATCH/out" $'\xe2\x96'
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --histogram quarter cocoa
expect_contains "$SCRATCH/err" "--histogram must be year, month, week or day"

# --- Facets: sources, languages and years beside the entities.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 0 'cocoa OR wheat'
expect_eq "$(jqr '.facets | keys_unsorted | join(",")')" "person,place,org,misc,topic,source,language,year" "facet lists"
expect_eq "$(jqr '[.facets.source[] | "\(.value)=\(.count)"] | join(" ")')" "Reuters=39 AP=38" "source facet"
expect_eq "$(jqr '[.facets.year[] | "\(.value)=\(.count)"] | join(" ")')" "1987=72 1986=2" "year facet"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --facets --limit 0 wheat
expect_contains "$SCRATCH/out" "  source:  AP (2)"
expect_contains "$SCRATCH/out" "  year:  1986 (2)"

# --- Browsing: filters only, *, --all; both date orders; paging.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 3 'date:1987-12'
expect_eq "$(jqr '.total')" "12" "a date filter alone lists its articles"
expect_eq "$(jqr '[.results[].date[0:10]] | join(" ")')" "1987-12-24 1987-12-22 1987-12-20" "newest first"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 3 --sort date-asc 'date:1987-12'
expect_eq "$(jqr '[.results[].date[0:10]] | join(" ")')" "1987-12-02 1987-12-04 1987-12-06" "oldest first"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 3 --offset 3 --sort date-asc 'date:1987-12'
expect_eq "$(jqr '[.results[] | "\(.rank):\(.date[0:10])"] | join(" ")')" "4:1987-12-08 5:1987-12-10 6:1987-12-12" "--offset pages on"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 2 --sort date-asc 'cocoa'
expect_eq "$(jqr '[.results[].id] | join(" ")')" "u1 u2" "undated first when oldest first"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 1 '*'
expect_eq "$(jqr '.total, .results[0].id' | tr '\n' ' ')" "77 c72 " "* lists every article, newest first"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 1 --all
expect_eq "$(jqr '.total')" "77" "--all with no query lists every article"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 1 --sort date-asc --all 'source:AP'
expect_eq "$(jqr '.total, .results[0].id' | tr '\n' ' ')" "38 w1 " "--all with a filter"
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --sort oldest cocoa
expect_contains "$SCRATCH/err" "--sort must be relevance, date or date-asc"

# --- Export: exactly the matches, valid CSV, any fields.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --limit 0 cocoa
total=$(jqr '.total')
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --export csv --fields id,date,title cocoa
cp "$SCRATCH/out" "$SCRATCH/cocoa.csv"
expect_eq "$(head -1 "$SCRATCH/cocoa.csv")" $'id,date,title\r' "CSV header"
expect_contains "$SCRATCH/cocoa.csv" $'c05,1987-03-04T12:00:00Z,"Cocoa, ""prices"" and Reagan 5"\r'
if command -v python3 >/dev/null; then
  python3 - "$SCRATCH/cocoa.csv" "$total" <<'PY' || fail "CSV does not parse as expected"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
assert rows[0] == ["id", "date", "title"], rows[0]
body = rows[1:]
assert len(body) == int(sys.argv[2]), (len(body), sys.argv[2])
assert all(len(r) == 3 for r in body)
assert len({r[0] for r in body}) == len(body), "ids repeat"
titles = {r[0]: r[2] for r in body}
assert titles["c10"] == 'Cocoa, "prices" and Reagan 10', titles["c10"]
assert titles["u1"] == "Cocoa undated 1"
assert {r[1] for r in body if r[0].startswith("u")} == {""}, "undated: empty date"
PY
  checks=$((checks + 1))
else
  expect_eq "$(($(wc -l < "$SCRATCH/cocoa.csv") - 1))" "$total" "CSV rows"
fi
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --export jsonl --fields id,source,entities.person 'person:"Ronald Reagan" date:1987-03'
expect_eq "$(wc -l < "$SCRATCH/out")" "3" "JSON Lines: one line per match"
expect_eq "$(jq -c '[keys_unsorted, (.["entities.person"] | index("Ronald Reagan") != null)]' "$SCRATCH/out" | sort -u)" \
  '[["id","source","entities.person"],true]' "JSON Lines fields in the order asked, entity lists as arrays"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --export jsonl --all
expect_eq "$(wc -l < "$SCRATCH/out")" "77" "--export --all: every article"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --export csv nosuchwordanywhere
expect_eq "$(cat "$SCRATCH/out")" $'id,date,title,source,url\r' "no match: the header only, exit 1"
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --export csv --fields id,titel cocoa
expect_contains "$SCRATCH/err" "--fields: unknown field 'titel'"
expect_eq "$(wc -c < "$SCRATCH/out")" "0" "nothing written for a bad field"
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --export xml cocoa
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --export csv --sort date cocoa
expect_contains "$SCRATCH/err" "does not combine"

# --- Queries: 50 lines, 50 counts; a bad line named, the others go on.
for i in $(seq 1 50); do
  case $((i % 3)) in
    0) echo "cocoa date:1987-$(printf %02d $(((i % 12) + 1)))" ;;
    1) echo "wheat" ;;
    2) echo 'person:"Ronald Reagan"' ;;
  esac
done > "$SCRATCH/q50.txt"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --queries "$SCRATCH/q50.txt"
expect_eq "$(($(wc -l < "$SCRATCH/out") - 1))" "50" "50 counts"
expect_eq "$(sed -n 2p "$SCRATCH/out")" $'wheat,2\r' "a count"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --queries "$SCRATCH/q50.txt"
expect_eq "$(jqr '.queries | length')" "50" "50 counts in JSON"
expect_eq "$(jqr '[.queries[] | select(.query == "cocoa date:1987-10") | .count] | unique | join(",")')" "10" "a period's count"
printf 'cocoa\ndate:1987-13\n\nwheat\n' > "$SCRATCH/qbad.txt"
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --queries "$SCRATCH/qbad.txt" --histogram year
expect_contains "$SCRATCH/err" "qbad.txt:2: date:1987-13"
expect_eq "$(tr -d '\r' < "$SCRATCH/out" | tr '\n' ' ')" "query,count,1986,1987,undated cocoa,75,0,72,3 date:1987-13,,,, wheat,2,2,0,0 " \
  "CSV with a column per year over the common range"
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --duplicates show --json --queries "$SCRATCH/qbad.txt"
expect_eq "$(jqr '[.queries[] | "\(.line):\(.count // "error")"] | join(" ")')" "1:75 2:error 4:2" "JSON: line numbers, the error in place"
done_ok
