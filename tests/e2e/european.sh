# European dates and bylines (tests/corpora/european): French, German,
# Spanish, Italian, Portuguese, Dutch and Russian articles in HTML and
# plain text, indexed in one run, each found by a word of its body with the
# author and date its byline and date line give; numeric dates read in the
# order of the declared language (JSON `language`), English unchanged.
source "$(dirname "$0")/lib.sh"
eu=$NEWSDEX_SOURCE_DIR/tests/corpora/european
db=$SCRATCH/db

expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$eu"
expect_contains "$SCRATCH/err" "added 9, updated 0, deleted 0, unchanged 0, failed 0"
expect_not_contains "$SCRATCH/err" "skipped"

# word | file | author | date | language
while IFS='|' read -r word file author date lang; do
  expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json "$word"
  expect_eq "$(jqr '.total')" "1" "$word finds one article"
  expect_eq "$(jqr '.results[0].id')" "$eu/$file" "$word: id"
  expect_eq "$(jqr '.results[0].author')" "$author" "$word: author"
  expect_eq "$(jqr '.results[0].date')" "$date" "$word: date"
  expect_eq "$(jqr '.results[0].language')" "$lang" "$word: language"
done <<'ROWS'
caténaire|fr-lyon-tramway.html|Camille Dubois|2025-09-08T00:00:00Z|fr
dameuses|fr-grenoble-neige.html|Léa Fontaine|2025-09-08T00:00:00Z|fr
Altenwerder|de-hamburg-hafen.txt|Thomas Müller|2025-09-08T00:00:00Z|de
goteo|es-valencia-naranjas.html|Ana García|2025-09-08T14:30:00Z|es
papiri|it-torino-museo.txt|Marco Rossi|2025-09-08T14:30:00Z|it
verdiepingen|nl-utrecht-fietsen.html|Jan de Vries|2025-09-08T14:30:00Z|nl
термометра|ru-yakutsk-moroz.txt|Ивана Петрова|2025-09-08T00:00:00Z|ru
метрополитена|ru-kazan-metro.html|Ольга Смирнова|2025-09-08T00:00:00Z|ru
Campolide|pt-lisboa-eletrico.txt|João Silva|2025-09-08T14:30:00Z|pt
ROWS

# The byline is the author, not a paragraph of the body.
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$eu/fr-lyon-tramway.html"
expect_eq "$(jqr '.body | test("Camille")')" "false" "the byline paragraph is not body text"
# Dates are searchable as dates.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'date:2025-09-08'
expect_eq "$(jqr '.total')" "9" "every sample is dated 8 September 2025"

# "8/9/2025" in JSON records: day first in French, month first in English
# (as before), and no date (with a warning) where no language says which.
cat > "$SCRATCH/slashed.jsonl" <<'JSON'
{"id":"fr","language":"fr","title":"Rentrée scolaire","date":"8/9/2025","body":"Les élèves ont repris le chemin de l'école."}
{"id":"en","language":"en","title":"Back to school","date":"8/9/2025","body":"Pupils went back to school."}
{"id":"none","title":"Undetermined","date":"8/9/2025","body":"Pupils went back to school again."}
{"id":"clear","title":"Christmas","date":"25/12/2025","body":"Presents were opened."}
JSON
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$SCRATCH/slashed.jsonl"
expect_eq "$(jq -r 'select(.id == "fr") | .date' "$SCRATCH/out")" "2025-09-08T00:00:00Z" "French 8/9/2025 is 8 September"
expect_eq "$(jq -r 'select(.id == "en") | .date' "$SCRATCH/out")" "2025-08-09T00:00:00Z" "English 8/9/2025 is August 9"
expect_eq "$(jq -r 'select(.id == "none") | .date' "$SCRATCH/out")" "null" "ambiguous without a language: no date"
expect_eq "$(jq -r 'select(.id == "clear") | .date' "$SCRATCH/out")" "2025-12-25T00:00:00Z" "one order only: read"
expect_contains "$SCRATCH/err" "slashed.jsonl:3: unparseable date '8/9/2025', indexed without a date"

done_ok
