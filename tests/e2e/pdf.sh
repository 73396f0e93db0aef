# PDF (tests/corpora/pdf): born-digital PDFs indexed in one run, each found
# by a word of its body with the title, date and author its metadata or
# first lines give; a PDF without text (a scan) and an encrypted one each
# reported on one line and counted as failed; PDFs cut short or corrupt:
# exit 1, one line each, every other article kept; PDFs inside .pdf.gz,
# zip and tar bundles and without an extension read the same; poppler's
# own messages never reach stderr.
source "$(dirname "$0")/lib.sh"
pdf=$NEWSDEX_SOURCE_DIR/tests/corpora/pdf
db=$SCRATCH/db

# One run: the three articles read, the scan and the encrypted file failed,
# one line each and nothing else on stderr but the summary.
expect_status 1 "$NEWSDEX_INDEX" --db "$db" "$pdf"
expect_contains "$SCRATCH/err" "added 3, updated 0, deleted 0, unchanged 0, failed 2 in"
expect_contains "$SCRATCH/err" "error: $pdf/scanned-page.pdf: no text (scanned PDF? no OCR)"
expect_contains "$SCRATCH/err" "error: $pdf/password-protected.pdf: encrypted PDF: needs a password, not read"
expect_eq "$(wc -l < "$SCRATCH/err")" "3" "two problem lines and the summary (no poppler messages)"
expect_not_contains "$SCRATCH/err" "skipped"

# word | id | title | date | author
while IFS='|' read -r word id title date author; do
  expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json "$word"
  expect_eq "$(jqr '.total')" "1" "$word finds one article"
  expect_eq "$(jqr '.results[0].id')" "$pdf/$id" "$word: id"
  expect_eq "$(jqr '.results[0].title')" "$title" "$word: title"
  expect_eq "$(jqr '.results[0].date')" "$date" "$word: date"
  expect_eq "$(jqr '.results[0].author')" "$author" "$word: author"
done <<'ROWS'
dredger|harbour-dredging.pdf|Harbour dredging to begin after winter storms|2025-09-08T07:30:00Z|Morwenna Pascoe
breakwater|harbour-dredging.pdf|Harbour dredging to begin after winter storms|2025-09-08T07:30:00Z|Morwenna Pascoe
catamaran|ferry-timetable.pdf|Island ferry to run twice a day through the winter months|2025-09-15T07:10:00Z|Tamsin Rowe
bollards|council-cycle-lanes.pdf|Council approves new cycle lanes for the old town|2025-09-08T00:00:00Z|Jonas Becker
ROWS
# The title is not repeated as the body's first paragraph.
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$pdf/council-cycle-lanes.pdf"
expect_eq "$(jqr '.body | split("\n\n") | .[0]')" "Exeter, 8 September 2025" "the dateline, a paragraph"
expect_eq "$(jqr '.body | split("\n\n") | .[1]')" "The city council voted on Monday to build four new cycle lanes through the old town, separated from the road by low kerbs and bollards." "the first paragraph of the text"
expect_eq "$(jqr '.language')" "en" "the catalog's /Lang (en-GB)"

# Cut short and corrupt PDFs beside good files: exit 1, one line each,
# the good articles kept.
bad=$SCRATCH/bad
mkdir -p "$bad"
size=$(stat -c %s "$pdf/harbour-dredging.pdf")
head -c $((size / 2)) "$pdf/harbour-dredging.pdf" > "$bad/cut-half.pdf"
head -c $((size - 7)) "$pdf/harbour-dredging.pdf" > "$bad/cut-end.pdf"
{ printf '%%PDF-1.5\n'; tail -c $((size / 2)) "$pdf/harbour-dredging.pdf"; } > "$bad/no-start.pdf"
cp "$pdf/council-cycle-lanes.pdf" "$bad/"
printf 'Quay notice\n\nThe ferry leaves from the north quay this week.\n' > "$bad/notice.txt"
expect_status 1 "$NEWSDEX_INDEX" --db "$SCRATCH/db2" --no-entities "$bad"
err=$SCRATCH/err
expect_contains "$err" "error: $bad/cut-half.pdf: PDF cut short (no %%EOF at its end)"
expect_contains "$err" "error: $bad/cut-end.pdf: PDF cut short (no %%EOF at its end)"
expect_contains "$err" "error: $bad/no-start.pdf: corrupt PDF, none of its pages can be read: "
expect_contains "$err" "added 2, updated 0, deleted 0, unchanged 0, failed 3 in"
expect_eq "$(grep -c ': error: ' "$err")" "3" "one line per bad file"
expect_eq "$(wc -l < "$err")" "4" "nothing else on stderr"
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/db2" --json bollards
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/db2" --json ferry

# Through the wrappers: .pdf.gz, zip and tar members, no extension.
wrap=$SCRATCH/wrap
mkdir -p "$wrap"
gzip -c "$pdf/harbour-dredging.pdf" > "$wrap/harbour.pdf.gz"
cp "$pdf/council-cycle-lanes.pdf" "$wrap/COUNCIL-0908"
python3 - "$pdf" "$wrap" <<'PY'
import sys, tarfile, zipfile
pdf, wrap = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wrap + "/bundle.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write(pdf + "/harbour-dredging.pdf", "2025/09/harbour.pdf")
    z.write(pdf + "/scanned-page.pdf", "2025/09/page12.pdf")
with tarfile.open(wrap + "/bundle.tar", "w") as t:
    t.add(pdf + "/council-cycle-lanes.pdf", "council.pdf")
PY
# path | title | date
while IFS='|' read -r path title date; do
  expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$wrap/${path%%!*}"
  expect_eq "$(jq -r "select(.path == \"$wrap/$path\") | [.title, .date] | join(\"|\")" "$SCRATCH/out")" "$title|$date" "$path"
done <<'ROWS'
harbour.pdf.gz|Harbour dredging to begin after winter storms|2025-09-08T07:30:00Z
COUNCIL-0908|Council approves new cycle lanes for the old town|2025-09-08T00:00:00Z
bundle.tar!/council.pdf|Council approves new cycle lanes for the old town|2025-09-08T00:00:00Z
ROWS
# A bundle member's problem names the member; the other members are read.
expect_status 1 "$NEWSDEX_INDEX" --db "$SCRATCH/db3" --no-entities "$wrap/bundle.zip"
expect_contains "$SCRATCH/err" "error: $wrap/bundle.zip: 2025/09/page12.pdf: no text (scanned PDF? no OCR)"
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/db3" --json dredger
expect_eq "$(jqr '.results[0].id')" "$wrap/bundle.zip!/2025/09/harbour.pdf" "zip member's id"
# A cut .pdf.gz is one line too.
head -c 3000 "$wrap/harbour.pdf.gz" > "$wrap/cut.pdf.gz"
expect_status 1 "$NEWSDEX_INDEX" --db "$SCRATCH/db4" --no-entities "$wrap/cut.pdf.gz"
expect_eq "$(grep -c ': error: ' "$SCRATCH/err")" "1" "one line for a cut .pdf.gz"
done_ok
