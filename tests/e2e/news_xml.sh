# News XML (tests/corpora/xml, xml-corrupt): feeds, NITF, NewsML-G2 and NewsML 1.x
# indexed in one run, each article found by a word of its body with the
# fields its format gives; publishers' entities as facets; incremental runs
# treat a feed like a JSON Lines file; a corrupt file of each format fails
# one line per bad record and keeps every good one.
source "$(dirname "$0")/lib.sh"
xml=$NEWSDEX_SOURCE_DIR/tests/corpora/xml
corrupt=$NEWSDEX_SOURCE_DIR/tests/corpora/xml-corrupt
db=$SCRATCH/db

# One run, every file read (the extension-less NewsML file by its root
# element), nothing skipped, nothing failed.
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$xml"
expect_contains "$SCRATCH/err" "added 12, updated 0, deleted 0, unchanged 0, failed 0"
expect_not_contains "$SCRATCH/err" "skipped"

# word | id | title | date | author | url | source
while IFS='|' read -r word id title date author url source; do
  expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json "$word"
  expect_eq "$(jqr '.total')" "1" "$word finds one article"
  expect_eq "$(jqr '.results[0].id')" "$id" "$word: id"
  expect_eq "$(jqr '.results[0].title')" "$title" "$word: title"
  expect_eq "$(jqr '.results[0].date')" "$date" "$word: date"
  expect_eq "$(jqr '.results[0].author')" "$author" "$word: author"
  expect_eq "$(jqr '.results[0].url')" "$url" "$word: url"
  expect_eq "$(jqr '.results[0].source')" "$source" "$word: source"
done <<'ROWS'
Fresnel|gazette-2025-0914-lamp|Lighthouse keepers vote to restore the old lamp|2025-09-14T17:45:00Z|Morwenna Pascoe|https://gazette.example.org/2025/09/14/lighthouse-lamp|Harbour Gazette
passenger|https://gazette.example.org/2025/09/15/ferry-winter|Ferry timetable changes for the winter|2025-09-15T07:10:00Z|Tamsin Rowe|https://gazette.example.org/2025/09/15/ferry-winter|Harbour Gazette
sluice|https://river.example.net/news/weir-repair|Weir repair finished ahead of the floods|2025-09-12T15:20:00Z|Owen Pritchard|https://river.example.net/news/weir-repair|River Valley News
Nigardsbreen|tag:sciencedesk.example.com,2025:glacier-drones|Glacier retreat measured by drones|2025-09-15T06:30:00Z|Ingrid Halvorsen|https://sciencedesk.example.com/2025/09/glacier-drones|The Science Desk
fireball|https://sciencedesk.example.com/2025/09/comet-fragments|Comet fragments seen over the Atlantic|2025-09-16T06:00:00Z|Science Desk Staff|https://sciencedesk.example.com/2025/09/comet-fragments|The Science Desk
embankments|AGX-20250911-0042|Floods close Danube shipping near Budapest|2025-09-11T14:30:00Z|Zsofia Kertesz|https://wire.example.com/stories/AGX-20250911-0042|Example Agency Wire
routes|28519|TRANSIT STRIKE ENDS AFTER NINE DAYS|1987-04-12T00:00:00Z|MARGARET HALLORAN|https://archive.example.com/1987/04/12/transit-strike-ends.html|The Example Times
tender|urn:newsml:wire.example.com:20250910:eu-summit-energy|EU leaders agree on joint winter gas purchases|2025-09-10T09:50:00Z|Claire Martin|https://wire.example.com/2025/09/10/eu-summit-energy|Example Wire
blossom|urn:newsml:wire.example.com:20250913:orchard-frost|Early frost threatens apple orchards|2025-09-13T08:30:00Z|Hannah Vogel||Example Wire
sacrifice|urn:newsml:wire.example.com:20250913:chess-final|Teenager wins the chess final in Reykjavik|2025-09-12T22:15:00Z|Einar Magnusson||Example Wire
Clignancourt|urn:newsml:agence.example.fr:20250908:PAR-METRO-0412:1|Le métro parisien teste des rames sans conducteur sur la ligne 4|2025-09-08T12:30:00Z|Camille Dubois||Agence Exemple
Stresow|BER-BAHN-0077|Berliner S-Bahn fährt wieder nach Spandau|2025-09-09T07:15:00Z|Thomas Müller||Agence Exemple
ROWS

# NewsML 1.x (agency-newsml1.xml, recognised by its <NewsML> root): the
# declared language, the Location's city and country as given places, and
# a ContentItem that refers to a photo by Href is not fetched.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'lang:fr Clignancourt'
expect_eq "$(jqr '.total')" "1" "NewsML 1.x Language"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'place:Paris Clignancourt'
expect_eq "$(jqr '.total')" "1" "NewsML 1.x Location City as a place"
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$xml/agency-newsml1.xml"
expect_eq "$(jq -s 'length' "$SCRATCH/out")" "2" "one article per NewsItem"
expect_eq "$(jq -r -s '.[1].language' "$SCRATCH/out")" "de" "xml:lang of the NewsComponent"

# HTML in a description is text; a script in content:encoded is not.
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'track'
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'Café'
expect_eq "$(jqr '.results[0].id')" "https://river.example.net/news/weir-repair" "Latin-1 declared by the XML declaration"
# NYT-style archive: the lead paragraph that repeats the full text is not
# indexed twice (one paragraph begins with "The nine-day").
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$xml/archive-1987-0412.xml"
expect_eq "$(jqr '.body | [scan("The nine-day")] | length')" "1" "lead paragraph not repeated"
expect_eq "$(jqr '.body | [scan("monthly passes")] | length')" "1" "the full text is the body"

# The publisher's entities are facets and filters beside the extracted ones.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'person:"Halloran, Margaret"'
expect_eq "$(jqr '.results[0].id')" "28519" "NITF <person> metadata is a person filter"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'org:"Transport Workers Union"'
expect_eq "$(jqr '.results[0].id')" "28519" "NITF <org> metadata is an org filter"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'person:"Ursula von der Leyen"'
expect_eq "$(jqr '.results[0].id')" "urn:newsml:wire.example.com:20250910:eu-summit-energy" "NewsML-G2 person subject"
expect_eq "$(jqr '[.facets.org[].value] | index("European Commission") != null')" "true" "NewsML-G2 organisation subject as a facet"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'place:"South Tyrol"'
expect_eq "$(jqr '.results[0].id')" "urn:newsml:wire.example.com:20250913:orchard-frost" "inline NITF <location> in NewsML"
# A topic (NewsML-G2 cpnat:abstract, NITF <classifier>) is not an entity.
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'misc:politics'

# Incremental runs: a feed is a many-article file. Unchanged: nothing
# written; one item changed and one removed: one update, one deletion.
work=$SCRATCH/work
cp -r "$xml" "$work"
expect_status 0 "$NEWSDEX_INDEX" --db "$SCRATCH/db2" "$work"
expect_status 0 "$NEWSDEX_INDEX" --db "$SCRATCH/db2" "$work"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 0, unchanged 12, failed 0"
sed -i 's/twice a day/three times a day, with a new catamaran/' "$work/harbour-gazette.rss"
touch "$work/harbour-gazette.rss"
expect_status 0 "$NEWSDEX_INDEX" --db "$SCRATCH/db2" "$work"
expect_contains "$SCRATCH/err" "added 0, updated 1, deleted 0, unchanged 11, failed 0"
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/db2" --json catamaran
expect_eq "$(jqr '.results[0].id')" "https://gazette.example.org/2025/09/15/ferry-winter" "the changed item"
python3 - "$work/science-desk.atom" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r"  <entry>\s*<title>Comet.*?</entry>\n", "", s, flags=re.S)
open(p, "w").write(s)
PY
expect_status 0 "$NEWSDEX_INDEX" --db "$SCRATCH/db2" "$work"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 1, unchanged 11, failed 0"
expect_status 1 "$NEWSDEX_SEARCH" --db "$SCRATCH/db2" --json fireball

# An extension-less file that is not news XML is skipped, not failed.
printf 'Notes to self\n' > "$work/NOTES-2025"
expect_status 0 "$NEWSDEX_INDEX" --db "$SCRATCH/db2" "$work"
expect_contains "$SCRATCH/err" "skipped 1: (no extension) 1"

# A corrupt file of each format: exit 1, one line each, naming the record's
# line; every good record kept.
expect_status 1 "$NEWSDEX_INDEX" --db "$SCRATCH/db3" --no-entities "$corrupt"
err=$SCRATCH/err
expect_contains "$err" "error: $corrupt/bad-entry.atom:13: malformed record skipped: Opening and ending tag mismatch"
expect_contains "$err" "error: $corrupt/bad-item.nml:5: malformed record skipped: xmlParseEntityRef: no name"
expect_contains "$err" "error: $corrupt/truncated-feed.rss:31: incomplete record: Premature end of data"
expect_contains "$err" "error: $corrupt/truncated.nitf:3: incomplete record: Premature end of data"
expect_contains "$err" "error: $corrupt/bad-newsitem-newsml1.xml:4: malformed record skipped: xmlParseEntityRef: no name"
# An .xml file that is no news format is another XML file of the folder
# (a sitemap, a configuration): skipped and counted, not failed.
expect_contains "$err" "added 6, updated 0, deleted 0, unchanged 0, failed 5 in"
expect_contains "$err" "; skipped 1: .xml 1"
expect_eq "$(grep -c ': error: ' "$err")" "5" "one line per bad record"
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/db3" --json --limit 100 'date:0001..9999'
got=$(jqr '.results[].id' | LC_ALL=C sort | tr '\n' ' ')
expect_eq "$got" "GOOD-0002 gazette-2025-0914-lamp https://gazette.example.org/2025/09/15/ferry-winter tag:weather.example.com,2025:fog tag:weather.example.com,2025:hail urn:newsml:wire.example.com:20250914:glassworks " "every good record kept"
# Named on its own, it is an error that says what it is.
expect_status 1 "$NEWSDEX_INDEX" --db "$SCRATCH/db3" --no-entities "$corrupt/not-news.xml"
expect_contains "$SCRATCH/err" "error: $corrupt/not-news.xml: not a news XML document (root element <catalog>): newsdex reads RSS, Atom, NITF, NewsML-G2 and NewsML 1.x"
done_ok
