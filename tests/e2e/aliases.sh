# Entity identity across an archive and the user's alias file: a surname
# alone, an acronym the archive defines and a built-in alias are the one
# entity they name; `--aliases FILE` without PATH applies a merge and a
# hide to the index as it is (no source read), in searches, --entity-list
# and --json; a later nightly run keeps the rules; a malformed alias file
# exits 2 naming FILE:LINE and changes nothing; an empty one drops them.
# A name every article gives only weak evidence of is no entity until one
# names it surely.
source "$(dirname "$0")/lib.sh"
work=$(realpath -s -m "$SCRATCH/work")
arc=$work/archive
db=$work/db
mkdir -p "$arc"

# A small archive: Reagan by his full name and alone, the SEC defined and
# alone, Britain and the UK, Wall Street and New York, the White House.
cat > "$arc/feed.jsonl" <<'EOF'
{"id":"a1","title":"Ronald Reagan meets Mikhail Gorbachev in Geneva","date":"1985-11-19T10:00:00Z","body":"President Ronald Reagan met Soviet leader Mikhail Gorbachev in Geneva on Tuesday. Reagan said the talks were frank. The meeting was held at a villa on the lake."}
{"id":"a2","title":"Reagan signs the budget","date":"1986-02-03T10:00:00Z","body":"Reagan signed the budget bill on Monday at the White House. Aides said Reagan would travel to California later in the week."}
{"id":"a3","title":"SEC widens insider trading inquiry","date":"1986-11-14T10:00:00Z","body":"The Securities and Exchange Commission (SEC) said on Friday that it had widened its inquiry into insider trading on Wall Street. The SEC said more charges were likely."}
{"id":"a4","title":"SEC fines brokerage","date":"1987-03-02T10:00:00Z","body":"The SEC fined a New York brokerage on Monday for failing to keep proper records, officials said. The SEC did not name the traders involved."}
{"id":"a5","title":"Britain raises interest rates","date":"1987-05-11T10:00:00Z","body":"Britain raised interest rates on Monday as the pound fell against the dollar. Traders in London said Britain could raise them again."}
{"id":"a6","title":"UK exports rise","date":"1987-06-15T10:00:00Z","body":"Exports from the UK rose in May, government figures showed on Monday. The UK trade deficit narrowed to its lowest level this year, officials in London said."}
EOF

# ids QUERY: the sorted ids of every article QUERY matches, space-separated
# ("" for none); checks that the search itself worked.
ids() {
  local rc=0
  "$NEWSDEX_SEARCH" --db "$db" --json --limit 1000 "$1" >"$SCRATCH/ids.json" 2>"$SCRATCH/ids.err" || rc=$?
  [[ $rc == 0 || $rc == 1 ]] || fail "searching '$1' exited $rc: $(cat "$SCRATCH/ids.err")"
  jq -r '[.results[].id] | sort | join(" ")' "$SCRATCH/ids.json"
}
# entities_of ID TYPE: the TYPE entities of article ID, comma-separated.
entities_of() {
  "$NEWSDEX_SEARCH" --db "$db" --json "id:$1" >"$SCRATCH/one.json" || fail "id:$1 not found"
  jq -r --arg t "$2" '.results[0].entities[$t] | join(",")' "$SCRATCH/one.json"
}
# snapshot: every article's id and entities, and the entity lists: what
# a run that changes nothing leaves as it was.
snapshot() {
  "$NEWSDEX_SEARCH" --db "$db" --json --limit 1000 'date:1900..' | jq -c '[.results[] | [.id, .entities]] | sort'
  for t in person place org misc; do "$NEWSDEX_SEARCH" --db "$db" --json --entity-list "$t" --limit 1000 || true; done
}

# --- 1. The archive's identities ------------------------------------------
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --summary-json "$work/s.json" "$arc"
expect_eq "$(jq -r .added "$work/s.json")" "6" "six articles added"
expect_eq "$(ids 'person:Reagan')" "a1 a2" "person:Reagan"
expect_eq "$(ids 'person:"Ronald Reagan"')" "a1 a2" "person:\"Ronald Reagan\" is person:Reagan"
expect_eq "$(entities_of a2 person)" "Ronald Reagan" "a2 (Reagan alone) is indexed under Ronald Reagan"
expect_eq "$(ids 'org:SEC')" "a3 a4" "org:SEC"
expect_eq "$(ids 'org:"Securities and Exchange Commission"')" "a3 a4" "org:SEC is the Securities and Exchange Commission"
expect_eq "$(entities_of a4 org)" "Securities and Exchange Commission" "a4 (SEC alone) is indexed under the expansion"
expect_eq "$(ids 'place:Britain')" "a5 a6" "place:Britain"
expect_eq "$(ids 'place:UK')" "a5 a6" "place:UK is place:Britain"
expect_eq "$(ids 'place:U.K.')" "a5 a6" "place:U.K. is place:Britain"
expect_eq "$(ids 'place:"United Kingdom"')" "a5 a6" "both are the United Kingdom"
# Before any rule: Wall Street and New York apart, the White House shown.
expect_eq "$(ids 'place:"Wall Street"')" "a3" "Wall Street before the merge"
expect_eq "$(ids 'place:"New York"')" "a4" "New York before the merge"
expect_eq "$(ids 'org:"White House"')" "a2" "the White House before the hide"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --entity-list person
expect_eq "$(jqr '[.[] | select(.value == "Ronald Reagan") | .aliases[].name] | join(",")')" "Reagan" "Reagan listed as an alias"
expect_eq "$(jqr '[.[] | select(.value == "Reagan")] | length')" "0" "no entity Reagan of its own"
before_rules=$(snapshot)

# --- 2. --aliases without PATH: applied to the index, no source read -------
cat > "$work/rules.txt" <<'EOF'
# Our archive's corrections.
merge place:Wall Street = place:New York
hide org:"White House"
EOF
# The archive is away (an unmounted disk): a run that walked it would
# fail or delete; this one must not look at it.
mv "$arc" "$work/archive.away"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --aliases "$work/rules.txt" --summary-json "$work/s.json"
mv "$work/archive.away" "$arc"
expect_eq "$(jq -r '[.added, .updated, .deleted, .failed, .files, .files_read] | map(tostring) | join(" ")' "$work/s.json")" \
  "0 0 0 0 0 0" "nothing added, updated, deleted or read"
expect_eq "$(jq -r '.reresolved > 0' "$work/s.json")" "true" "articles re-resolved ($(jq -r .reresolved "$work/s.json"))"
expect_eq "$(jq -r '.reresolved' "$work/s.json")" "2" "a2 (White House) and a3 (Wall Street) re-resolved"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 0, unchanged 0, failed 0"
expect_contains "$SCRATCH/err" "; entities re-resolved in 2 articles"
# The merge: Wall Street is New York, in filters both ways.
expect_eq "$(ids 'place:"Wall Street"')" "a3 a4" "place:\"Wall Street\" after the merge"
expect_eq "$(ids 'place:"New York"')" "a3 a4" "place:\"New York\" after the merge"
expect_eq "$(entities_of a3 place)" "New York" "a3's places after the merge"
# The hide: the White House neither shown nor searchable.
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'org:"White House"'
expect_eq "$(jqr '.warnings | join(" ")' | grep -c "hidden by the alias file")" "1" "a warning says the entity is hidden"
expect_eq "$(entities_of a2 org)" "" "a2 shows no White House"
expect_eq "$(entities_of a2 person)" "Ronald Reagan" "a2 keeps its person"
expect_eq "$(entities_of a2 place)" "California" "a2 keeps its place"
# The entity lists.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --entity-list place --limit 1000
expect_eq "$(jqr '[.[] | select(.value == "New York") | .count] | join(",")')" "2" "New York in 2 articles"
expect_eq "$(jqr '[.[] | select(.value == "New York") | .aliases[] | select(.name == "Wall Street") | .articles] | join(",")')" "1" \
  "Wall Street listed among New York's names, with its article"
expect_eq "$(jqr '[.[] | select(.value == "Wall Street")] | length')" "0" "no entity Wall Street of its own"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --entity-list place new
expect_contains "$SCRATCH/out" "2	New York"
expect_contains "$SCRATCH/out" "also: Wall Street (1)"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --entity-list org --limit 1000
expect_eq "$(jqr '[.[] | select(.value == "White House")] | length')" "0" "the White House is not listed"
expect_eq "$(jqr '[.[] | .value] | index("Securities and Exchange Commission") != null')" "true" "other orgs are"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --entity-list org white
# Entity pages follow the rules.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --entity 'Wall Street'
expect_eq "$(jqr '[.name, .type, .articles] | map(tostring) | join(" ")')" "New York place 2" "--entity 'Wall Street' is New York's page"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --entity 'org:White House'
expect_contains "$SCRATCH/err" "no entity 'org:White House'"
# The rest is as it was.
expect_eq "$(ids 'person:Reagan')" "a1 a2" "person:Reagan after the rules"
expect_eq "$(ids 'org:SEC')" "a3 a4" "org:SEC after the rules"
expect_eq "$(ids 'place:Britain')" "a5 a6" "place:Britain after the rules"
after_rules=$(snapshot)
[[ $after_rules != "$before_rules" ]] || fail "the alias file changed nothing"
# Applying the same file again changes nothing and rewrites nothing.
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --aliases "$work/rules.txt" --summary-json "$work/s.json"
expect_eq "$(jq -r '[.added, .updated, .files_read, .reresolved] | map(tostring) | join(" ")' "$work/s.json")" "0 0 0 0" \
  "the same rules again: nothing to rewrite"
expect_eq "$(snapshot)" "$after_rules" "the same rules again: the same index"

# --- 3. A nightly run (no --aliases) keeps the rules -----------------------
cat > "$arc/late.jsonl" <<'EOF'
{"id":"a7","title":"Reagan speaks on Wall Street","date":"1988-01-12T10:00:00Z","body":"Reagan spoke to traders on Wall Street on Tuesday, a week after leaving the White House for a short trip. Reagan praised the SEC for its work."}
EOF
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --summary-json "$work/s.json" "$arc"
expect_eq "$(jq -r '[.added, .updated, .deleted, .failed] | map(tostring) | join(" ")' "$work/s.json")" "1 0 0 0" "the new article added"
expect_eq "$(ids 'place:"Wall Street"')" "a3 a4 a7" "the merge applies to the new article"
expect_eq "$(ids 'place:"New York"')" "a3 a4 a7" "New York includes the new article"
expect_eq "$(entities_of a7 place)" "New York" "a7's Wall Street is New York"
expect_eq "$(entities_of a7 org | grep -c 'White House' || true)" "0" "a7 shows no White House"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'org:"White House"'
expect_eq "$(ids 'person:"Ronald Reagan"')" "a1 a2 a7" "a7's Reagan is Ronald Reagan"
expect_eq "$(ids 'org:"Securities and Exchange Commission"')" "a3 a4 a7" "a7's SEC is the Securities and Exchange Commission"
# And with no PATH at all (the remembered root), nothing changes.
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --summary-json "$work/s.json"
expect_eq "$(jq -r '[.added, .updated, .deleted, .unchanged] | map(tostring) | join(" ")' "$work/s.json")" "0 0 0 7" "an idle nightly run"
expect_eq "$(ids 'place:"Wall Street"')" "a3 a4 a7" "the merge after an idle run"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'org:"White House"'
kept=$(snapshot)

# --- 4. A malformed alias file: exit 2, FILE:LINE, nothing changed ---------
cat > "$work/bad.txt" <<'EOF'
merge place:Wall Street = place:New York
# the next line has no TYPE:
hide White House
EOF
expect_status 2 "$NEWSDEX_INDEX" --db "$db" --aliases "$work/bad.txt" --summary-json "$work/s.json"
expect_contains "$SCRATCH/err" "newsdex-index: $work/bad.txt:3: "
expect_eq "$(snapshot)" "$kept" "a malformed alias file (no PATH) leaves the index unchanged"
expect_status 2 "$NEWSDEX_INDEX" --db "$db" --aliases "$work/bad.txt" "$arc"
expect_contains "$SCRATCH/err" "$work/bad.txt:3: "
expect_eq "$(snapshot)" "$kept" "a malformed alias file (with PATH) leaves the index unchanged"
printf 'rename person:Reagan = Ron\nfrobnicate org:SEC\n' > "$work/bad2.txt"
expect_status 2 "$NEWSDEX_INDEX" --db "$db" --aliases "$work/bad2.txt"
expect_contains "$SCRATCH/err" "$work/bad2.txt:2: unknown rule 'frobnicate'"
expect_eq "$(ids 'person:"Ronald Reagan"')" "a1 a2 a7" "the first (good) line of a bad file is not applied"
expect_status 2 "$NEWSDEX_INDEX" --db "$db" --aliases "$work/missing.txt"
expect_contains "$SCRATCH/err" "cannot read alias file '$work/missing.txt'"
# The stored rules still apply on the next run.
expect_status 0 "$NEWSDEX_INDEX" --db "$db"
expect_eq "$(snapshot)" "$kept" "the stored rules survive the refused files"

# --- 5. --aliases without PATH needs an existing database ------------------
expect_status 2 "$NEWSDEX_INDEX" --db "$work/none.db" --aliases "$work/rules.txt"
expect_contains "$SCRATCH/err" "does not exist"
[[ ! -e $work/none.db ]] || fail "a database was created by --aliases without PATH"

# --- 6. An empty alias file drops the rules --------------------------------
: > "$work/empty.txt"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --aliases "$work/empty.txt" --summary-json "$work/s.json"
expect_eq "$(jq -r '[.added, .updated, .files_read] | map(tostring) | join(" ")' "$work/s.json")" "0 0 0" "dropping rules reads nothing"
expect_eq "$(jq -r '.reresolved >= 3' "$work/s.json")" "true" "a2, a3 and a7 re-resolved back ($(jq -r .reresolved "$work/s.json"))"
expect_eq "$(ids 'org:"White House"')" "a2 a7" "the White House is back"
expect_eq "$(ids 'place:"Wall Street"')" "a3 a7" "Wall Street is itself again"
expect_eq "$(ids 'place:"New York"')" "a4" "New York is itself again"

# --- 7. A surname two people share -----------------------------------------
# "Brown" alone is neither Gordon Brown nor Nick Brown: no value of its
# own, and person:Brown means any of them, saying so.
mkdir -p "$work/browns"
cat > "$work/browns/feed.jsonl" <<'EOF2'
{"id":"b1","title":"Gordon Brown presents the budget","date":"2005-03-16T10:00:00Z","body":"Chancellor Gordon Brown presented the budget in London on Wednesday. Brown said growth would be strong."}
{"id":"b2","title":"Gordon Brown visits Africa","date":"2005-01-12T10:00:00Z","body":"Chancellor Gordon Brown arrived in Tanzania on Wednesday for a five-day visit to Africa."}
{"id":"b3","title":"Nick Brown on farm prices","date":"2001-02-20T10:00:00Z","body":"Agriculture minister Nick Brown said on Tuesday that farm prices would recover. Brown spoke in York."}
{"id":"b4","title":"Nick Brown meets farmers","date":"2001-03-05T10:00:00Z","body":"Agriculture minister Nick Brown met farmers in Devon on Monday to discuss the outbreak."}
{"id":"b5","title":"Minister defends plan","date":"2003-06-10T10:00:00Z","body":"Brown told reporters on Tuesday that the plan would go ahead as agreed."}
{"id":"b6","title":"Trade talks resume","date":"1987-03-05T10:00:00Z","body":"U.S. Trade Representative Clayton Yeutter met European Community trade commissioner Willy de Clercq in Brussels on Monday."}
{"id":"b7","title":"Tobacco sales in Wilson","date":"1987-03-06T10:00:00Z","body":"Tobacco sales opened in Wilson, North Carolina, on Monday. Growers in Wilson said prices were firm."}
{"id":"b8","title":"Plant opens in Wilson","date":"1987-03-07T10:00:00Z","body":"A new plant opened in Wilson, North Carolina, on Tuesday."}
{"id":"b9","title":"Canada budget","date":"1987-03-08T10:00:00Z","body":"Canadian Finance Minister Michael Wilson presented the budget in Ottawa on Wednesday."}
{"id":"b10","title":"Deficit to fall","date":"1987-03-09T10:00:00Z","body":"Finance minister Wilson said on Thursday that the deficit would fall."}
EOF2
db=$work/browns.db
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$work/browns"
expect_eq "$(ids 'person:"Gordon Brown"')" "b1 b2" "Gordon Brown"
expect_eq "$(ids 'person:"Nick Brown"')" "b3 b4" "Nick Brown"
expect_eq "$(entities_of b5 person)" "" "Brown alone names neither"
expect_eq "$(ids 'person:Brown')" "b1 b2 b3 b4" "person:Brown is any person called Brown"
expect_eq "$(jq -r '.warnings[0]' "$SCRATCH/ids.json")" \
  "'person:Brown': several people of this archive go by that name: searched as any of Gordon Brown, Nick Brown (name one to narrow)" \
  "person:Brown says whom it searched"
# A surname the archive never writes alone means its one person.
expect_eq "$(ids 'person:Yeutter')" "b6" "person:Yeutter is Clayton Yeutter"
expect_eq "$(ids 'person:"de Clercq"')" "b6" "a surname of two words too"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --entity "de Clercq"
expect_eq "$(jqr '.name')" "Willy de Clercq" "and its entity page is his"
expect_eq "$(ids 'person:Clayton')" "" "a given name is no surname"
# A surname whose own value in the archive is a place (b10's "Wilson"
# alone is outvoted by the town's two articles): person:Wilson is the
# people called Wilson, not the town.
expect_eq "$(entities_of b10 place)" "Wilson" "the archive's Wilson is the town"
expect_eq "$(ids 'person:Wilson')" "b9" "person:Wilson is Michael Wilson, not the town"

# --- Weak evidence: a name the tagger was unsure of in every article is no
# entity, until a nightly run brings an article that names it surely; then
# the first article shows it too, re-resolved without being read again.
mkdir -p "$work/weak"
cat > "$work/weak/w1.jsonl" <<'EOF2'
{"id":"w1","title":"Shares news","body":"Zorbex shares rose 5 pct on Monday."}
EOF2
db=$work/weak.db
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$work/weak"
expect_eq "$(ids 'zorbex')" "w1" "the word is searchable"
expect_eq "$(entities_of w1 org)" "" "an unsure name is no entity"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json --entity-list org --limit 1000
expect_eq "$(jqr 'length')" "0" "nor listed (no organisation at all: exit 1)"
cat > "$work/weak/w2.jsonl" <<'EOF2'
{"id":"w2","title":"Results due","body":"Analysts said Zorbex Corp would report on Monday."}
EOF2
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$work/weak"
expect_contains "$SCRATCH/err" "unchanged 1"
expect_contains "$SCRATCH/err" "entities re-resolved in 1 articles"
expect_eq "$(ids 'org:Zorbex')" "w1 w2" "one sure mention makes it an entity in both articles"
expect_eq "$(entities_of w1 org)" "Zorbex" "the first article re-resolved"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --entity-list org --limit 1000
expect_eq "$(jqr '[.[] | select(.value == "Zorbex") | .count] | join(",")')" "2" "listed with both articles"
done_ok
