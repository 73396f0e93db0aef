# Compressed files, zip and tar bundles and WARC web archives (issue 15):
# a WARC of the bundled HTML pages, made by wget from a local web server,
# indexes to the same articles as the pages; .gz, .bz2, .xz and .zst files
# read like the plain ones; bundle members are inputs named bundle!/member;
# incremental runs treat a WARC or a bundle like a JSON Lines file; a
# corrupt variant of each fails one line, keeping every good record.
# The compressed files and bundles are made here with the standard tools
# (gzip, bzip2, xz, zstd where installed; python3's zipfile and tarfile).
source "$(dirname "$0")/lib.sh"
command -v wget >/dev/null || { echo "SKIP: wget is not installed" >&2; exit 77; }
src=$NEWSDEX_SOURCE_DIR

# The bundled HTML pages, served over HTTP and archived by wget.
site=$SCRATCH/site
mkdir -p "$site" "$SCRATCH/w"
cp "$src"/corpus/sample-html/*.html "$src"/tests/corpora/html/*.html "$site/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do
  wget -q -O /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
base=http://127.0.0.1:$port
(cd "$site" && ls *.html) | sed "s|^|$base/|" > "$SCRATCH/urls"
npages=$(wc -l < "$SCRATCH/urls")
(cd "$SCRATCH/w" && wget -q -O /dev/null --warc-file=pages -i "$SCRATCH/urls" &&
  wget -q -O /dev/null --warc-file=plain --no-warc-compression -i "$SCRATCH/urls")
[[ -s $SCRATCH/w/pages.warc.gz && -s $SCRATCH/w/plain.warc ]] || fail "wget wrote no WARC"

# The same articles (title, body, author, source) as the pages themselves,
# with the target URI as id and URL; the date the page's own, else the
# record's WARC-Date.
fields='[.title, .body, .author, .source, .language]'
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$site"
jq -c "$fields" "$SCRATCH/out" | sort > "$SCRATCH/pages.txt"
jq -c '[(.path | sub(".*/"; "")), .date]' "$SCRATCH/out" | sort > "$SCRATCH/pages-dates.txt"
for warc in pages.warc.gz plain.warc; do
  expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$SCRATCH/w/$warc"
  jq -c "$fields" "$SCRATCH/out" | sort > "$SCRATCH/warc.txt"
  expect_eq "$(diff "$SCRATCH/pages.txt" "$SCRATCH/warc.txt" && echo same)" "same" "$warc: the pages' articles"
  expect_eq "$(jq -s 'length' "$SCRATCH/out")" "$npages" "$warc: one article per page"
  expect_eq "$(jq -r 'select(.id != .url or (.id | startswith("'"$base"'/") | not)) | .id' "$SCRATCH/out")" "" "$warc: id and url are the target URI"
  # Dated pages keep their date; the undated one has the WARC-Date.
  while read -r row; do
    name=$(jq -r '.[0]' <<<"$row")
    date=$(jq -r '.[1]' <<<"$row")
    got=$(jq -r "select(.id == \"$base/$name\") | .date" "$SCRATCH/out")
    if [[ $date == null ]]; then
      [[ $got =~ ^20[0-9][0-9]-.*Z$ ]] || fail "$warc: $name has no WARC-Date ($got)"
    else
      expect_eq "$got" "$date" "$warc: $name keeps its own date"
    fi
  done < "$SCRATCH/pages-dates.txt"
  expect_contains "$SCRATCH/err" "WARC records: "
  expect_contains "$SCRATCH/err" " request"
done

# Compressed files read like the plain ones.
comp=$SCRATCH/comp
mkdir -p "$comp"
cp "$src/corpus/sample-jsonl/wire-export.jsonl" "$src/corpus/sample-html/harbour-reopens.html" \
  "$src/corpus/sample-text/flood-warning.txt" "$src"/tests/corpora/xml/harbour-gazette.rss "$comp/"
tools=()
for t in gzip bzip2 xz zstd; do command -v $t >/dev/null && tools+=("$t"); done
[[ " ${tools[*]} " == *" gzip "* ]] || fail "gzip is not installed"
for f in wire-export.jsonl harbour-reopens.html flood-warning.txt harbour-gazette.rss; do
  expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$comp/$f"
  jq -c '[.id, .title, .body, .date, .author, .url]' "$SCRATCH/out" | sed "s|$comp/||g" > "$SCRATCH/plain.txt"
  for t in "${tools[@]}"; do
    case $t in gzip) ext=gz ;; bzip2) ext=bz2 ;; xz) ext=xz ;; zstd) ext=zst ;; esac
    $t -q -c "$comp/$f" > "$comp/$f.$ext"
    expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$comp/$f.$ext"
    jq -c '[.id, .title, .body, .date, .author, .url]' "$SCRATCH/out" | sed "s|$comp/||g; s|$f.$ext|$f|g" > "$SCRATCH/packed.txt"
    expect_eq "$(diff "$SCRATCH/plain.txt" "$SCRATCH/packed.txt" && echo same)" "same" "$f.$ext reads like $f"
  done
done

# Bundles: each member an input named bundle!/member; a member without a
# reader is skipped and counted.
python3 - "$site" "$comp" <<'PY'
import os, sys, tarfile, zipfile
site, comp = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(os.path.join(comp, "pages.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(site)):
        z.write(os.path.join(site, name), "2019/" + name)
    z.writestr("img/logo.png", b"\x89PNG\r\n\x1a\n")
with tarfile.open(os.path.join(comp, "wire.tar.gz"), "w:gz") as t:
    t.add(os.path.join(comp, "wire-export.jsonl"), "exports/wire-export.jsonl")
    t.add(os.path.join(comp, "harbour-gazette.rss"), "feeds/harbour-gazette.rss")
with tarfile.open(os.path.join(comp, "texts.tar.gz"), "w:gz") as t:
    t.add(os.path.join(comp, "flood-warning.txt"), "2024/flood-warning.txt")
PY
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$comp/pages.zip"
expect_eq "$(jq -s 'length' "$SCRATCH/out")" "$npages" "one article per page in the zip"
expect_eq "$(jq -r 'select(.title | startswith("Kelsby harbour")) | .id' "$SCRATCH/out")" \
  "$comp/pages.zip!/2019/harbour-reopens.html" "a member's id is bundle!/member"
expect_contains "$SCRATCH/err" "pages.zip: skipped 1 of $((npages + 1)) members newsdex has no reader for (such as img/logo.png)"
jq -c "$fields" "$SCRATCH/out" | sort > "$SCRATCH/zip.txt"
expect_eq "$(diff "$SCRATCH/pages.txt" "$SCRATCH/zip.txt" && echo same)" "same" "the zip's articles are the pages'"

# One run over everything (one compressed copy of each plain file, the
# bundles, the WARC, and one of each other format: the news XML samples,
# the born-digital PDFs, articles in other languages and scripts): nothing
# failed; a .gz whose inner name has no reader is skipped and counted like
# any unknown file.
all=$SCRATCH/all
mkdir -p "$all"
i=0
for f in wire-export.jsonl harbour-reopens.html flood-warning.txt harbour-gazette.rss; do
  t=${tools[$((i % ${#tools[@]}))]}
  i=$((i + 1))
  case $t in gzip) ext=gz ;; bzip2) ext=bz2 ;; xz) ext=xz ;; zstd) ext=zst ;; esac
  cp "$comp/$f.$ext" "$all/"
done
cp "$comp/pages.zip" "$comp/texts.tar.gz" "$SCRATCH/w/pages.warc.gz" "$all/"
corpora=$NEWSDEX_SOURCE_DIR/tests/corpora
# (the feed harbour-gazette.rss is there already, compressed)
for f in "$corpora"/xml/*; do
  case ${f##*/} in README.md | harbour-gazette.rss) ;; *) cp "$f" "$all/" ;; esac
done
cp "$corpora"/pdf/{harbour-dredging,council-cycle-lanes,ferry-timetable}.pdf "$all/"
cp "$corpora"/languages/{europe.jsonl,trademark-law.html,cairo-book-fair.html} "$all/"
printf 'a,b\n1,2\n' | gzip > "$all/table.csv.gz"
db=$SCRATCH/db
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$all"
expect_contains "$SCRATCH/err" "failed 0"
expect_contains "$SCRATCH/err" "skipped 1: .gz 1"
total=$(sed -n 's/.*added \([0-9]*\),.*/\1/p' "$SCRATCH/err")
html_file=$(ls "$all"/harbour-reopens.html.*)
# word | id
while IFS='|' read -r word id; do
  expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --duplicates show --limit 100 "$word"
  expect_contains "$SCRATCH/out" "\"$id\""
done <<ROWS
Kelsby|$base/harbour-reopens.html
Kelsby|$all/pages.zip!/2019/harbour-reopens.html
Kelsby|$html_file
Волгу|$base/windows-1251-charset.html
timetable|$all/pages.zip!/2019/wordpress-blog.html
Baniyas|harbourwire-2025-0412
flood|$all/texts.tar.gz!/2024/flood-warning.txt
Fresnel|gazette-2025-0914-lamp
sluice|https://river.example.net/news/weir-repair
Nigardsbreen|tag:sciencedesk.example.com,2025:glacier-drones
embankments|AGX-20250911-0042
routes|28519
tender|urn:newsml:wire.example.com:20250910:eu-summit-energy
Clignancourt|urn:newsml:agence.example.fr:20250908:PAR-METRO-0412:1
dredger|$all/harbour-dredging.pdf
catamaran|$all/ferry-timetable.pdf
мороз|lang-ru
商標法|$all/trademark-law.html
ROWS
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$comp/wire.tar.gz"
expect_eq "$(jq -r '.path' "$SCRATCH/out" | sort -u | tr '\n' ' ')" \
  "$comp/wire.tar.gz!/exports/wire-export.jsonl $comp/wire.tar.gz!/feeds/harbour-gazette.rss " "tar members' paths"

# Incremental: unchanged on a re-run; a WARC and a bundle are many-article
# files (a page gone from each is deleted, the rest unchanged).
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$all"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 0, unchanged $total, failed 0"
grep -v -e wordpress-blog -e title-only "$SCRATCH/urls" > "$SCRATCH/urls2"
(cd "$SCRATCH/w" && wget -q -O /dev/null --warc-file=fewer -i "$SCRATCH/urls2")
cp "$SCRATCH/w/fewer.warc.gz" "$all/pages.warc.gz"
python3 - "$all/pages.zip" <<'PY'
import sys, zipfile
p = sys.argv[1]
members = {}
with zipfile.ZipFile(p) as z:
    for n in z.namelist():
        if not n.endswith("broken-jsonld.html"):
            members[n] = z.read(n)
with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in members.items():
        z.writestr(n, b)
PY
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$all"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 3, unchanged $((total - 3)), failed 0"

# A corrupt variant of each: exit 1, one line each, every good record kept.
bad=$SCRATCH/bad
mkdir -p "$bad"
gzip -c "$comp/wire-export.jsonl" | head -c 1000 > "$bad/cut.jsonl.gz"
# Cut in the middle of a gzip member (wget compresses each record on its
# own): a cut that fell on a member's trailer or the next one's header would
# leave whole records, and the error would name no record.
python3 - "$SCRATCH/w/pages.warc.gz" "$bad/cut.warc.gz" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
starts = [i for i in range(len(data) - 2) if data[i:i + 3] == b"\x1f\x8b\x08"] + [len(data)]
k = max(j for j in range(len(starts) - 1) if starts[j] <= 12000)
open(sys.argv[2], "wb").write(data[:(starts[k] + starts[k + 1]) // 2])
PY
python3 - "$SCRATCH/w/plain.warc" "$bad/bad-length.warc" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
# The third response record's Content-Length made 100 bytes too short.
starts = [m.start() for m in re.finditer(rb"WARC/1\.0\r\nWARC-Type: response", data)]
head_end = data.index(b"\r\n\r\n", starts[2])
header = data[starts[2]:head_end]
n = int(re.search(rb"Content-Length: (\d+)", header).group(1))
header = header.replace(b"Content-Length: %d" % n, b"Content-Length: %d" % (n - 100))
open(sys.argv[2], "wb").write(data[:starts[2]] + header + data[head_end:])
PY
head -c $(( $(stat -c %s "$comp/pages.zip") * 2 / 3 )) "$comp/pages.zip" > "$bad/cut.zip"
expect_status 1 "$NEWSDEX_INDEX" --db "$SCRATCH/db3" --no-entities "$bad"
err=$SCRATCH/err
expect_eq "$(grep -c ': error: ' "$err")" "4" "one line per corrupt file"
expect_contains "$err" "error: $bad/cut.jsonl.gz: cut short at line "
expect_contains "$err" "compressed data corrupt or cut short after "
expect_contains "$err" "error: $bad/cut.warc.gz: cut short at line "
expect_contains "$err" "error: $bad/bad-length.warc:"
expect_contains "$err" "WARC record's Content-Length ("
expect_contains "$err" "error: $bad/cut.zip: bundle member 2019/"
# Every good record before each cut is kept.
for f in cut.jsonl.gz cut.warc.gz bad-length.warc cut.zip; do
  expect_status 1 "$NEWSDEX_INDEX" --print --no-entities "$bad/$f"
  n=$(jq -s 'length' "$SCRATCH/out")
  [[ $n -ge 1 ]] || fail "$f: no good record kept"
  printf '%s: %s articles kept\n' "$f" "$n" >&2
done
expect_status 1 "$NEWSDEX_INDEX" --print --no-entities "$bad/bad-length.warc"
expect_eq "$(jq -s 'length' "$SCRATCH/out")" "2" "the two records before the bad length"
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/db3" --json --limit 100 'date:0001..9999'
expect_contains "$SCRATCH/out" "\"$base/"

# A decompression bomb (60 MiB of zeros in a few KiB) stops at the larger
# of --max-file-size and 50 times the file's size: one line.
head -c 60M /dev/zero | gzip -9 > "$SCRATCH/bomb.jsonl.gz"
expect_status 1 "$NEWSDEX_INDEX" --db "$SCRATCH/db4" --max-file-size 1 "$SCRATCH/bomb.jsonl.gz"
expect_contains "$SCRATCH/err" "error: $SCRATCH/bomb.jsonl.gz: decompresses to more than "
expect_contains "$SCRATCH/err" " MiB (a decompression bomb? see --max-file-size)"
expect_eq "$(grep -c ': error: ' "$SCRATCH/err")" "1" "one line for the bomb"
done_ok
