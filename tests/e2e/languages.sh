# Per-language analysis (analyzer.h): the articles of tests/corpora/languages
# (French, German, Russian, Arabic, Chinese, Japanese, Hebrew), indexed with
# the English sample corpus, are each found by a form of a word that their
# text does not contain (an inflection, or a CJK word inside a longer run of
# characters); lang: filters them, the language facet counts them, --lang
# chooses the query's languages, snippets mark matches in every script, and
# English queries give the same results as in an index without them.
source "$(dirname "$0")/lib.sh"
work=$(realpath -s -m "$SCRATCH/work")
langs=$NEWSDEX_SOURCE_DIR/tests/corpora/languages
english=("$NEWSDEX_SOURCE_DIR/corpus/sample-jsonl" "$NEWSDEX_SOURCE_DIR/corpus/sample-html")
mkdir -p "$work"

# ids QUERY [ARGS...]: the ids of every match (file names for HTML), sorted.
ids() {
  local q=$1; shift
  local rc=0
  "$NEWSDEX_SEARCH" --db "$work/db" --json --duplicates show --limit 1000 "$@" "$q" >"$SCRATCH/ids.json" 2>"$SCRATCH/ids.err" || rc=$?
  [[ $rc == 0 || $rc == 1 ]] || fail "searching '$q' exited $rc: $(cat "$SCRATCH/ids.err")"
  jq -r '[.results[].id | sub(".*/"; "")] | sort | join(" ")' "$SCRATCH/ids.json"
}
# ranked DB QUERY: the ids of the first 20 matches, best first.
ranked() {
  "$NEWSDEX_SEARCH" --db "$1" --json --limit 20 "$2" | jq -r '[.results[].id] | join(" ")'
}

# The English corpus alone, then with the other languages.
expect_status 0 "$NEWSDEX_INDEX" -q --no-entities --db "$work/english" "${english[@]}"
expect_status 0 "$NEWSDEX_INDEX" -q --no-entities --db "$work/db" "${english[@]}" "$langs"

# --- 1. Each article by a word form its text does not contain ------------
expect_eq "$(ids 'présidentielle')" "lang-fr" "French: présidentielle finds présidentielles"
expect_eq "$(ids 'élection')" "lang-fr" "French: élection finds élections"
expect_eq "$(ids 'Regierung')" "lang-de" "German: Regierung finds Regierungen"
expect_eq "$(ids 'мороз')" "lang-ru" "Russian: мороз finds Морозы"
expect_eq "$(ids 'Верхоянск')" "lang-ru" "Russian: Верхоянск finds Верхоянске"
expect_eq "$(ids '"сильный мороз"')" "lang-ru" "Russian: a phrase of other inflections finds Сильные морозы"
expect_eq "$(ids 'كتاب')" "cairo-book-fair.html" "Arabic: كتاب finds للكتاب"
expect_eq "$(ids '商標法')" "trademark-law.html" "Japanese: 商標法 inside 改正商標法が"
expect_eq "$(ids '商標')" "trademark-law.html" "Japanese: a two-character word inside a run"
expect_eq "$(ids '"商標法"')" "trademark-law.html" "Japanese: the phrase"
expect_eq "$(ids '"法商標"')" "" "Japanese: the same characters in another order are not the phrase"
expect_eq "$(ids '污染')" "beijing-air.html" "Chinese: 污染 inside 空气污染治理"
expect_eq "$(ids '空气污染')" "beijing-air.html" "Chinese: 空气污染"
expect_eq "$(ids 'title:北京')" "beijing-air.html" "Chinese: a title word"
expect_eq "$(ids 'גשם')" "jerusalem-rain.html" "Hebrew: a word"

# --- 2. lang: filters, the language facet ---------------------------------
expect_eq "$(ids 'lang:ru')" "lang-ru" "lang:ru"
expect_eq "$(ids 'lang:ja')" "trademark-law.html" "lang:ja"
expect_eq "$(ids 'lang:zh')" "beijing-air.html" "lang:zh (declared zh-CN)"
expect_eq "$(ids 'lang:ar')" "cairo-book-fair.html" "lang:ar"
expect_eq "$(ids '商標 lang:zh')" "" "a Japanese word restricted to Chinese articles"
expect_status 0 "$NEWSDEX_SEARCH" --db "$work/db" --json --limit 1 --all
facet=$(jqr '[.facets.language[] | "\(.value)=\(.count)"] | sort | join(" ")')
en_count=$(jqr '[.facets.language[] | select(.value == "en") | .count] | add')
expect_eq "$facet" "$(printf '%s\n' ar=1 de=1 en="$en_count" fr=1 he=1 ja=1 ru=1 zh=1 | sort | paste -sd' ')" \
  "the language facet counts one article of each language"
expect_status 0 "$NEWSDEX_SEARCH" --db "$work/db" --facets --color never --limit 1 'мороз'
expect_contains "$SCRATCH/out" "  language:  ru (1)"

# --- 3. --lang: the query's languages ---------------------------------------
expect_eq "$(ids 'мороз' --lang ru)" "lang-ru" "--lang ru"
expect_eq "$(ids 'Морозы' --lang en)" "" "--lang en: Морозы is not stemmed as Russian (the index holds the stem only)"
expect_eq "$(ids 'Морозы' --lang fr)" "" "--lang fr: nor as French"
expect_eq "$(ids 'Морозы' --lang en,ru)" "lang-ru" "--lang en,ru"
expect_status 2 "$NEWSDEX_SEARCH" --db "$work/db" --lang russian мороз
expect_eq "$(cat "$SCRATCH/err")" "newsdex-search: --lang: 'russian' is not a language (an ISO 639-1 code such as en, fr, ru)" \
  "a bad --lang is one line"

# --- 4. Snippets and highlighting in every script ---------------------------
snippet() {
  "$NEWSDEX_SEARCH" --db "$work/db" --json --limit 1 "$1" | jq -r '.results[0].snippet'
}
expect_contains <(snippet 'мороз') "<b>Морозы</b> продержатся"
expect_contains <(snippet 'كتاب') "<b>للكتاب</b>"
expect_contains <(snippet '商標法') "改正された<b>商標法</b>が"
expect_contains <(snippet '商標') "<b>商標</b>を登録"
expect_contains <(snippet 'גשם') "<b>גשם</b> כבד"
expect_status 0 "$NEWSDEX_SEARCH" --db "$work/db" --color never 'كتاب'
expect_contains "$SCRATCH/out" "[للكتاب]"
expect_status 0 "$NEWSDEX_SEARCH" --db "$work/db" --color never '商標法'
expect_contains "$SCRATCH/out" "[商標法]"

# --- 5. English queries: the same results as without the other languages ---
for q in port harbour '"port authority"' 'wheat OR barley' 'ship*' 'title:harbour OR council'; do
  expect_eq "$(ranked "$work/db" "$q")" "$(ranked "$work/english" "$q")" "English query '$q' ranks the same"
done
expect_eq "$(ranked "$work/english" port | wc -w)" "3" "the English query finds the English articles"
done_ok
