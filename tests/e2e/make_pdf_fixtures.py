#!/usr/bin/python3
# Writes the PDF fixtures of tests/corpora/pdf (see the README there) with
# cairo, through Debian's python3-cairo (cairo 1.16): run it from any
# directory with the system Python, `/usr/bin/python3
# tests/e2e/make_pdf_fixtures.py`. Not run by the tests, which read the
# files it wrote (kept in git), so that they need neither cairo nor fonts.
# The output is the same on every run (fixed dates and metadata), except
# for the fonts cairo embeds, which come from the machine (DejaVu here).
#
# cairo cannot write a document's language or leave out its creation date;
# for those two fixtures the file cairo wrote is edited (an entry added to
# or removed from a dictionary) and its cross-reference table written
# again, so that the file stays a valid PDF.
import os
import re
import cairo

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpora", "pdf")
A4 = (595, 842)
FONT = "DejaVu Serif"


def wrap(ctx, text, width):
    """The lines of `text` as cairo would set them within `width` points."""
    lines, line = [], ""
    for word in text.split():
        candidate = word if not line else line + " " + word
        if ctx.text_extents(candidate).x_advance > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def column(ctx, paragraphs, x, y, width, size=10.5, leading=14):
    """Sets paragraphs in a column from (x, y), a blank line between them."""
    ctx.select_font_face(FONT)
    ctx.set_font_size(size)
    for p in paragraphs:
        for line in wrap(ctx, p, width):
            ctx.move_to(x, y)
            ctx.show_text(line)
            y += leading
        y += leading * 0.6
    return y


def heading(ctx, text, x, y, size):
    ctx.select_font_face(FONT, cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_BOLD)
    ctx.set_font_size(size)
    ctx.move_to(x, y)
    ctx.show_text(text)


def rewrite(path, edit):
    """Applies edit(bytes) -> bytes to a PDF cairo wrote and writes its
    cross-reference table, trailer offsets and startxref again."""
    data = open(path, "rb").read()
    body, _, _ = data.partition(b"\nxref\n")
    trailer = re.search(rb"trailer\n(<<.*?>>)\n", data, re.S).group(1)
    body, trailer = edit(body + b"\n", trailer)
    offsets = {int(m.group(1)): m.start(1) for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", body)}
    size = max(offsets) + 1
    xref = [b"xref\n0 %d\n" % size, b"0000000000 65535 f \n"]
    for n in range(1, size):
        xref.append(b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n")
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % size, trailer)
    out = body + b"".join(xref) + b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % len(body)
    open(path, "wb").write(out)


def article_with_metadata():
    """English, two columns then a second page; Title, Author, CreationDate."""
    path = os.path.join(HERE, "harbour-dredging.pdf")
    s = cairo.PDFSurface(path, *A4)
    s.set_metadata(cairo.PDFMetadata.TITLE, "Harbour dredging to begin after winter storms")
    s.set_metadata(cairo.PDFMetadata.AUTHOR, "Morwenna Pascoe")
    s.set_metadata(cairo.PDFMetadata.CREATOR, "Harbour Gazette layout desk")
    s.set_metadata(cairo.PDFMetadata.CREATE_DATE, "2025-09-08T09:30:00+02:00")
    s.set_metadata(cairo.PDFMetadata.MOD_DATE, "2025-09-09T18:00:00+02:00")
    c = cairo.Context(s)
    heading(c, "Harbour dredging to begin after winter storms", 50, 70, 18)
    column(c, ["By Morwenna Pascoe, Harbour Gazette"], 50, 95, 495, size=10)
    left = [
        "A dredger will start clearing the inner harbour next month, the port authority said on Monday, "
        "after three winter storms left the channel too shallow for the larger fishing boats.",
        "The work is expected to take six weeks. Boats will be moved to the outer moorings in turn, and the "
        "slipway will stay open at high tide.",
    ]
    right = [
        "Engineers measured more than a metre of silt at the mouth of the harbour in August, twice the "
        "amount they found after the storms of last year.",
        "Fishermen welcomed the plan but asked for the work to pause during the herring season.",
    ]
    column(c, left, 50, 130, 235)
    column(c, right, 310, 130, 235)
    c.show_page()
    column(c, ["The port authority will also repair the breakwater, whose outer stones were moved by the "
               "February storm, once the dredging is done."], 50, 70, 495)
    c.show_page()
    s.finish()
    return path


def article_without_title():
    """English, no Title and no dates in the metadata: the title and the date
    are the first lines; the catalog declares the language (en-GB)."""
    path = os.path.join(HERE, "council-cycle-lanes.pdf")
    s = cairo.PDFSurface(path, *A4)
    s.set_metadata(cairo.PDFMetadata.AUTHOR, "Jonas Becker")
    c = cairo.Context(s)
    heading(c, "Council approves new cycle lanes for the old town", 50, 70, 16)
    column(c, ["Exeter, 8 September 2025"], 50, 95, 495, size=10)
    column(c, [
        "The city council voted on Monday to build four new cycle lanes through the old town, separated "
        "from the road by low kerbs and bollards.",
        "The first lane, along the quay, should open in the spring. Shopkeepers asked for loading bays to "
        "stay where they are.",
    ], 50, 125, 495)
    c.show_page()
    s.finish()

    def edit(body, trailer):
        body = re.sub(rb"\s*/CreationDate \([^)]*\)", b"", body)
        body = body.replace(b"<< /Type /Catalog\n", b"<< /Type /Catalog\n   /Lang (en-GB)\n")
        return body, trailer
    rewrite(path, edit)
    return path


def placeholder_title():
    """A word processor's placeholder Title ("Microsoft Word - ..."): the
    title is the headline, set on two lines in one size, not the standfirst
    below it in a smaller (but still larger than the text) size."""
    path = os.path.join(HERE, "ferry-timetable.pdf")
    s = cairo.PDFSurface(path, *A4)
    s.set_metadata(cairo.PDFMetadata.TITLE, "Microsoft Word - ferry_final_v3.docx")
    s.set_metadata(cairo.PDFMetadata.AUTHOR, "Tamsin Rowe")
    s.set_metadata(cairo.PDFMetadata.CREATE_DATE, "2025-09-15T07:10:00Z")
    c = cairo.Context(s)
    heading(c, "Island ferry to run twice a day", 50, 70, 20)
    heading(c, "through the winter months", 50, 96, 20)
    c.select_font_face(FONT)
    c.set_font_size(14)
    c.move_to(50, 124)
    c.show_text("Operators agree a timetable with the harbour board")
    column(c, [
        "The island ferry will sail twice a day from November to March, the operators said, after a winter "
        "in which storms cancelled one crossing in three.",
        "The catamaran will be kept in reserve for the Saturday market runs.",
    ], 50, 155, 495)
    c.show_page()
    s.finish()
    return path


def scanned_page():
    """A page that is only an image (a scan without OCR): no text at all."""
    path = os.path.join(HERE, "scanned-page.pdf")
    s = cairo.PDFSurface(path, *A4)
    s.set_metadata(cairo.PDFMetadata.TITLE, "Gazette page 12 (scan)")
    s.set_metadata(cairo.PDFMetadata.CREATE_DATE, "2025-09-10T08:00:00Z")
    img = cairo.ImageSurface(cairo.FORMAT_RGB24, 120, 170)
    ic = cairo.Context(img)
    ic.set_source_rgb(0.95, 0.94, 0.9)
    ic.paint()
    ic.set_source_rgb(0.2, 0.2, 0.2)
    for row in range(12, 160, 6):  # lines of "print", as a scanner sees them
        ic.rectangle(10, row, 100 - (row * 7) % 30, 2)
    ic.fill()
    c = cairo.Context(s)
    c.scale(A4[0] / 120, A4[1] / 170)
    c.set_source_surface(img, 0, 0)
    c.paint()
    c.show_page()
    s.finish()
    return path


def password_protected():
    """A one-line page behind a user password: the trailer names a standard
    security handler (RC4, revision 2) whose password check no empty
    password passes, so that a reader must ask for the password (the page
    itself is not encrypted: no reader gets that far)."""
    path = os.path.join(HERE, "password-protected.pdf")
    s = cairo.PDFSurface(path, *A4)
    s.set_metadata(cairo.PDFMetadata.TITLE, "Board minutes (confidential)")
    s.set_metadata(cairo.PDFMetadata.CREATE_DATE, "2025-09-11T12:00:00Z")
    c = cairo.Context(s)
    column(c, ["The board met on Tuesday."], 50, 70, 495)
    c.show_page()
    s.finish()

    def edit(body, trailer):
        key = bytes(range(32)).hex().encode()
        body += (b"90 0 obj\n<< /Filter /Standard /V 1 /R 2 /P -44\n   /O <" + key + b">\n   /U <" + key[::-1] +
                 b">\n>>\nendobj\n")
        trailer = trailer[:-2] + b"   /Encrypt 90 0 R\n   /ID [<00112233445566778899aabbccddeeff> " \
                                 b"<00112233445566778899aabbccddeeff>]\n>>"
        return body, trailer
    rewrite(path, edit)
    return path


if __name__ == "__main__":
    for make in (article_with_metadata, article_without_title, placeholder_title, scanned_page,
                 password_protected):
        print(make())
