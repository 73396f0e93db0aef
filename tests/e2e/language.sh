# Article language: declared by JSON (`language`, `lang`) or HTML (`lang`),
# else detected from the text; the English entity model is not run on an
# article whose language is known and not English (French and Russian
# articles have no entities, the same French text declared English has);
# the lang: filter; the "language" field of --print and --json results.
source "$(dirname "$0")/lib.sh"
work=$(realpath -s -m "$SCRATCH/work")
arc=$work/archive
db=$work/db
mkdir -p "$arc"

# Every article names Emmanuel Macron (and most Vladimir Putin) in Latin
# script, so the English model would find them in any of them.
cat > "$arc/feed.jsonl" <<'EOF'
{"id":"en1","language":"en","title":"Emmanuel Macron meets Vladimir Putin in Paris","date":"2024-03-04T10:00:00Z","body":"French President Emmanuel Macron met Russian President Vladimir Putin in Paris on Monday. Macron said the talks with Putin at the Elysee Palace were difficult. Officials from Renault and the European Union also attended."}
{"id":"fr1","language":"fr","title":"Emmanuel Macron reçoit Vladimir Poutine à Paris","date":"2024-03-05T10:00:00Z","body":"Le président Emmanuel Macron a reçu lundi à Paris le président russe Vladimir Poutine. Selon l'Élysée, les discussions ont été difficiles. Des représentants de Renault et de l'Union européenne étaient présents."}
{"id":"fr-as-en","language":"en","title":"Emmanuel Macron reçoit Vladimir Poutine à Paris","date":"2024-03-05T11:00:00Z","body":"Le président Emmanuel Macron a reçu lundi à Paris le président russe Vladimir Poutine. Selon l'Élysée, les discussions ont été difficiles. Des représentants de Renault et de l'Union européenne étaient présents."}
{"id":"ru1","lang":"ru-RU","title":"Владимир Путин провёл переговоры в Москве","date":"2024-03-06T10:00:00Z","body":"Президент России Владимир Путин провёл в понедельник переговоры в Москве с президентом Франции Эммануэлем Макроном. Стороны обсудили торговлю и энергетику. Vladimir Putin and Emmanuel Macron met in Moscow."}
{"id":"en-as-fr","language":"fr-FR","title":"Emmanuel Macron visits Berlin","date":"2024-03-07T10:00:00Z","body":"French President Emmanuel Macron visited Berlin on Tuesday for talks with Chancellor Olaf Scholz about the European Union budget."}
{"id":"en-bad-tag","language":"English","title":"Emmanuel Macron visits Rome","date":"2024-03-08T10:00:00Z","body":"French President Emmanuel Macron visited Rome on Friday for talks with Prime Minister Giorgia Meloni about migration and the European Union budget."}
EOF
cat > "$arc/fr.html" <<'EOF'
<!DOCTYPE html>
<html lang="fr-FR"><head><meta charset="utf-8"><title>Emmanuel Macron à Berlin</title></head>
<body><article><h1>Emmanuel Macron à Berlin</h1><p>Le président Emmanuel Macron s'est rendu mardi à Berlin pour rencontrer le chancelier Olaf Scholz. Les deux dirigeants ont parlé du budget de l'Union européenne et de l'aide à l'Ukraine.</p></article></body></html>
EOF
cat > "$arc/ru.html" <<'EOF'
<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Путин в Пекине</title></head>
<body><article><h1>Путин в Пекине</h1><p>Владимир Путин прибыл во вторник в Пекин, где проведёт переговоры с Си Цзиньпином. Vladimir Putin met Xi Jinping in Beijing on Tuesday.</p></article></body></html>
EOF
# Plain text declares nothing: detected.
printf 'Emmanuel Macron à Marseille\n\nLe président Emmanuel Macron s%sest rendu jeudi à Marseille, où il a rencontré le maire Benoît Payan. Ils ont parlé du port, des transports et de la sécurité dans les quartiers nord de la ville.\n' \
  "'" > "$arc/detected_fr.txt"
printf 'Emmanuel Macron in Marseille\n\nFrench President Emmanuel Macron travelled to Marseille on Thursday, where he met the mayor, Benoit Payan. They discussed the port, transport and security in the city.\n' \
  > "$arc/detected_en.txt"

# print_one ID_OR_PATH: the --print record of one article (from $SCRATCH/out).
print_one() { jq -c --arg id "$1" 'select(.id == $id)' "$SCRATCH/out"; }
lang_of() { print_one "$1" | jq -r .language; }
entity_count() { print_one "$1" | jq -r '.entities | length'; }
persons_of() { print_one "$1" | jq -r '[.entities[] | select(.type == "person") | .name] | join(",")'; }

# --- 1. --print: languages and entities, article by article ---------------
expect_status 0 "$NEWSDEX_INDEX" --print "$arc"
expect_eq "$(jq -s length "$SCRATCH/out")" "10" "ten articles printed"
# Declared in JSON ("language", or "lang"; a tag reduced to its code).
expect_eq "$(lang_of en1)" "en" "en1 declared en"
expect_eq "$(lang_of fr1)" "fr" "fr1 declared fr"
expect_eq "$(lang_of ru1)" "ru" "ru1 declared ru-RU by 'lang'"
expect_eq "$(lang_of en-as-fr)" "fr" "a declaration wins over the text (English text declared fr-FR)"
expect_eq "$(lang_of fr-as-en)" "en" "a declaration wins over the text (French text declared en)"
expect_eq "$(lang_of en-bad-tag)" "en" "a tag that is not one ('English') is detected instead"
# Declared in HTML.
expect_eq "$(lang_of "$arc/fr.html")" "fr" "HTML lang=fr-FR"
expect_eq "$(lang_of "$arc/ru.html")" "ru" "HTML lang=ru"
# Detected.
expect_eq "$(lang_of "$arc/detected_fr.txt")" "fr" "undeclared French text detected"
expect_eq "$(lang_of "$arc/detected_en.txt")" "en" "undeclared English text detected"
# English articles have entities...
expect_eq "$(persons_of en1)" "Emmanuel Macron,Vladimir Putin" "en1's people"
expect_eq "$(persons_of "$arc/detected_en.txt" | tr ',' '\n' | grep -c '^Emmanuel Macron$')" "1" "detected English: Emmanuel Macron"
expect_eq "$(persons_of en-bad-tag | tr ',' '\n' | grep -c '^Emmanuel Macron$')" "1" "en-bad-tag: Emmanuel Macron"
# ...and so does French text declared English: the model would tag these
# names, so the articles below have none because of their language.
expect_eq "$(persons_of fr-as-en | tr ',' '\n' | grep -c '^Emmanuel Macron$')" "1" "French text declared en: Emmanuel Macron"
for id in fr1 ru1 en-as-fr "$arc/fr.html" "$arc/ru.html" "$arc/detected_fr.txt"; do
  expect_eq "$(entity_count "$id")" "0" "$id ($(lang_of "$id")): no entities"
done
expect_eq "$(print_one ru1 | jq -r '.raw_entities // [] | length')" "0" "ru1: no raw entities either"

# --- 2. The index: the same entities, the lang: filter ----------------------
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$arc"
expect_contains "$SCRATCH/err" "added 10, updated 0, deleted 0, unchanged 0, failed 0"
ids() {
  local rc=0
  "$NEWSDEX_SEARCH" --db "$db" --json --duplicates show --limit 100 "$1" >"$SCRATCH/ids.json" 2>"$SCRATCH/ids.err" || rc=$?
  [[ $rc == 0 || $rc == 1 ]] || fail "searching '$1' exited $rc: $(cat "$SCRATCH/ids.err")"
  jq -r '[.results[].id | sub(".*/"; "")] | sort | join(" ")' "$SCRATCH/ids.json"
}
expect_eq "$(ids 'lang:fr')" "detected_fr.txt en-as-fr fr.html fr1" "lang:fr"
expect_eq "$(ids 'lang:ru')" "ru.html ru1" "lang:ru"
expect_eq "$(ids 'lang:en')" "detected_en.txt en-bad-tag en1 fr-as-en" "lang:en"
expect_eq "$(ids 'lang:FR')" "detected_fr.txt en-as-fr fr.html fr1" "lang:FR (case)"
expect_eq "$(ids 'lang:fr-CA')" "detected_fr.txt en-as-fr fr.html fr1" "lang:fr-CA (a tag: its language)"
expect_eq "$(ids 'lang:de')" "" "lang:de matches nothing"
expect_eq "$(ids 'Macron lang:fr')" "detected_fr.txt en-as-fr fr.html fr1" "non-English articles are searchable by their words"
expect_eq "$(ids 'Putin -lang:en')" "ru.html ru1" "a language excluded"
expect_eq "$(ids 'Путин')" "ru.html ru1" "Russian words are searchable"
expect_eq "$(ids 'lang:ru date:2024-03')" "ru1" "lang: with a date"
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --json 'lang:french'
expect_contains "$SCRATCH/err" "lang:french: not a language"
# Entities only from the English articles, though every one names Macron
# and three of them Vladimir Putin in Latin script.
expect_eq "$(ids 'person:"Emmanuel Macron"')" "detected_en.txt en-bad-tag en1 fr-as-en" "person:\"Emmanuel Macron\": English articles only"
expect_eq "$(ids 'person:"Vladimir Putin"')" "en1" "person:\"Vladimir Putin\": only the English article"
expect_eq "$(ids 'person:"Vladimir Putin" OR person:"Emmanuel Macron" OR person:"Olaf Scholz" OR place:Paris OR place:Berlin')" \
  "detected_en.txt en-bad-tag en1 fr-as-en" "no entity of a non-English article is searchable"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --entity-list person
expect_eq "$(jqr '[.[] | select(.value == "Emmanuel Macron") | .count] | join(",")')" "4" "--entity-list counts English articles only"
expect_eq "$(jqr '[.[] | select(.value == "Olaf Scholz")] | length')" "0" "Olaf Scholz is named only in French articles, one declared so"

# --- 3. The "language" field in --json, the language in text ---------------
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --duplicates show --limit 100 'Macron OR Putin'
expect_eq "$(jqr '[.results[] | "\(.id | sub(".*/"; ""))=\(.language)"] | sort | join(" ")')" \
  "detected_en.txt=en detected_fr.txt=fr en-as-fr=fr en-bad-tag=en en1=en fr-as-en=en fr.html=fr fr1=fr ru.html=ru ru1=ru" \
  "every result's language"
expect_eq "$(jqr '[.results[] | select(.language == "fr" or .language == "ru") | .entities | to_entries[] | .value[]] | length')" "0" \
  "French and Russian results carry no entities"
expect_eq "$(jqr '[.results[] | select(.id == "en1") | .entities.person[]] | join(",")')" "Emmanuel Macron,Vladimir Putin" "en1's entities"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --color never 'id:fr1'
expect_contains "$SCRATCH/out" "   2024-03-05 | fr | $arc/feed.jsonl:2"
expect_not_contains "$SCRATCH/out" "person:"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --color never 'id:en1'
expect_contains "$SCRATCH/out" "   2024-03-04 | en | $arc/feed.jsonl:1"
expect_contains "$SCRATCH/out" "person: Emmanuel Macron, Vladimir Putin"
done_ok
