// PdfReader: one article per born-digital PDF, through poppler's C++ API
// (readers.h says what is read from where).
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/dates.h"
#include "newsdex/language.h"
#include "newsdex/readers.h"
#include "newsdex/text.h"
#include "readers/reader_io.h"
#include "readers/reader_util.h"

namespace newsdex {

namespace {

// poppler reports through one process-wide error function, which by default
// prints to stderr. It is replaced once by one that keeps the last message
// of the reading on the calling thread (poppler calls it on the thread
// whose call found the error), so that a problem can quote it; messages of
// other readings, and those that come when no reading listens, are dropped.
thread_local std::string* t_poppler_message = nullptr;

void keep_poppler_message(const std::string& message, void*) {
  if (t_poppler_message != nullptr) *t_poppler_message = message;
}

// Listens to poppler's messages on this thread for its lifetime.
class PopplerMessages {
 public:
  PopplerMessages() {
    static std::once_flag installed;
    std::call_once(installed, [] { poppler::set_debug_error_function(keep_poppler_message, nullptr); });
    previous_ = std::exchange(t_poppler_message, &last_);
  }
  ~PopplerMessages() { t_poppler_message = previous_; }
  PopplerMessages(const PopplerMessages&) = delete;
  PopplerMessages& operator=(const PopplerMessages&) = delete;

  // The last message poppler gave, one line ("" when none).
  std::string last() const {
    std::string m = collapse_whitespace(last_);
    // "error: Couldn't read xref table", "error (34): Illegal character"
    if (m.rfind("error", 0) == 0 && m.find(": ") != std::string::npos) m.erase(0, m.find(": ") + 2);
    return m;
  }

 private:
  std::string last_;
  std::string* previous_ = nullptr;
};

std::string utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// What a PDF gives as its title, or "" when it is a placeholder: a file
// name ("report.docx", "Microsoft Word - report.doc") or "Untitled".
std::string usable_title(std::string title) {
  title = collapse_whitespace(title);
  const std::string lower = ascii_lower(title);
  if (lower.empty() || lower == "untitled" || lower.rfind("microsoft word - ", 0) == 0) return {};
  for (std::string_view ext : {".doc", ".docx", ".pdf", ".indd", ".odt", ".rtf", ".txt", ".qxp", ".ps", ".tex"}) {
    if (lower.size() > ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0) return {};
  }
  return title;
}

// The date in the information dictionary under `key` ("CreationDate",
// "ModDate"), converted by poppler (a PDF date, "D:20250908093000+02'00'",
// with its zone) to UTC. Sets `unparsed` to the raw value when there is
// one that poppler cannot read.
std::optional<UnixTime> info_date(const poppler::document& doc, const char* key, std::string& unparsed) {
  const std::string raw = collapse_whitespace(utf8(doc.info_key(key)));
  if (raw.empty()) return std::nullopt;
  // info_date_t, not the deprecated info_date, whose time_type (unsigned
  // 32 bits) holds no date before 1970 or after 2106. time_t(-1) is
  // poppler's "no date" (1969-12-31T23:59:59Z is never one).
  const std::time_t t = doc.info_date_t(key);
  if (t == static_cast<std::time_t>(-1)) {
    if (unparsed.empty()) unparsed = raw;
    return std::nullopt;
  }
  return static_cast<UnixTime>(t);
}

// The value of the first /Lang entry in the document catalog's dictionary,
// found in the file's bytes (poppler's C++ API does not give it): only a
// catalog written as a plain object (not inside a compressed object
// stream), and a literal string "(en-GB)". "" when there is none.
std::string catalog_lang(std::string_view pdf) {
  constexpr std::size_t kMaxObject = 1 << 16;
  for (std::size_t at = pdf.find("/Catalog"); at != std::string_view::npos; at = pdf.find("/Catalog", at + 1)) {
    const std::size_t start = pdf.rfind("obj", at);
    const std::size_t end = pdf.find("endobj", at);
    if (start == std::string_view::npos || end == std::string_view::npos || end - start > kMaxObject) continue;
    const std::string_view object = pdf.substr(start, end - start);
    std::size_t k = object.find("/Lang");
    if (k == std::string_view::npos) continue;
    k += 5;
    while (k < object.size() && (object[k] == ' ' || object[k] == '\n' || object[k] == '\r')) ++k;
    if (k >= object.size() || object[k] != '(') continue;
    std::string tag;
    for (++k; k < object.size() && object[k] != ')' && tag.size() < 35; ++k) {
      const char c = object[k];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
        tag += c;  // an ASCII tag; the bytes of a UTF-16 string's BOM and high bytes are left out
    }
    return tag;
  }
  return {};
}

// The first dc:language of XMP metadata, or "".
std::string xmp_language(const std::string& xmp) {
  const std::size_t at = xmp.find("<dc:language");
  if (at == std::string::npos) return {};
  const std::size_t li = xmp.find("<rdf:li", at);
  const std::size_t gt = li == std::string::npos ? li : xmp.find('>', li);
  const std::size_t lt = gt == std::string::npos ? gt : xmp.find('<', gt);
  if (lt == std::string::npos || lt - gt > 64) return {};
  return collapse_whitespace(std::string_view(xmp).substr(gt + 1, lt - gt - 1));
}

bool ends_sentence(std::string_view line) {
  if (line.empty()) return false;
  const char c = line.back();
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\'') return true;
  // ” and ’ (U+201D, U+2019)
  return line.size() >= 3 && line.substr(line.size() - 3, 2) == "\xE2\x80" &&
         (line.back() == '\x9D' || line.back() == '\x99');
}

// A page's text as poppler lays it out (lines; blocks separated by a blank
// line) with a blank line added where a paragraph ends inside a block: after
// a line that ends a sentence and stops short of the block's width (the
// last line of a paragraph), so that paragraphs_from_text separates them.
std::string mark_paragraphs(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim(text.substr(pos, nl - pos));
    lines.push_back(line);
    pos = nl + 1;
  }
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t i = 0; i < lines.size();) {
    std::size_t end = i;  // the block: lines i..end-1
    std::size_t widest = 0;
    while (end < lines.size() && !lines[end].empty()) widest = std::max(widest, lines[end++].size());
    for (std::size_t k = i; k < end; ++k) {
      out.append(lines[k]);
      out += '\n';
      if (k + 1 < end && ends_sentence(lines[k]) && lines[k].size() * 100 < widest * 85) out += '\n';
    }
    out += '\n';
    i = end + 1;
  }
  return out;
}

// The leading words of `page` set in the size of its first word, when that
// is at least 1.25 times the page's middle font size (a headline, in one
// size, however many lines it takes), joined by spaces; "" when the first
// word is not larger.
std::string headline(const poppler::page& page) {
  const std::vector<poppler::text_box> boxes = page.text_list(poppler::page::text_list_include_font);
  if (boxes.empty()) return {};
  std::vector<double> sizes;
  sizes.reserve(boxes.size());
  for (const poppler::text_box& b : boxes) sizes.push_back(b.get_font_size());
  std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
  const double middle = sizes[sizes.size() / 2];
  const double first = boxes[0].get_font_size();
  if (!(first >= 1.25 * middle)) return {};
  std::string title;
  constexpr std::size_t kMaxWords = 40;
  for (std::size_t i = 0; i < boxes.size() && i < kMaxWords; ++i) {
    if (!(std::abs(boxes[i].get_font_size() - first) <= 0.1 * first)) break;
    if (!title.empty()) title += ' ';
    title += utf8(boxes[i].text());
  }
  return collapse_whitespace(title);
}

// `body` without `title` at its start (compared ignoring white space), and
// without the white space after it; `body` unchanged when it does not start
// with it.
void drop_leading_title(std::string& body, std::string_view title) {
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  std::size_t b = 0, t = 0;
  while (t < title.size()) {
    if (space(title[t])) {
      ++t;
      continue;
    }
    while (b < body.size() && space(body[b])) ++b;
    if (b >= body.size() || body[b] != title[t]) return;
    ++b;
    ++t;
  }
  if (b < body.size() && !space(body[b])) return;  // the title ends inside a word
  while (b < body.size() && space(body[b])) ++b;
  body.erase(0, b);
}

struct DocumentFree {
  void operator()(poppler::document* d) const { delete d; }
};

}  // namespace

void PdfReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  const std::size_t max_bytes = options().max_pdf_bytes();
  std::string pdf;
  if (read_prefix(in, max_bytes, pdf)) {
    out.problem({0, "PDF too large (over " + human_size(max_bytes) + "; see --max-article-size)", true});
    return;
  }
  // The header within the first KiB, the end-of-file marker within the
  // last, as PDF readers look for them; without the marker the file was
  // cut short (poppler may still rebuild part of it).
  if (std::string_view(pdf).substr(0, 1024).find("%PDF-") == std::string_view::npos) {
    out.problem({0, "not a PDF (no %PDF- header)", true});
    return;
  }
  const std::string_view tail = std::string_view(pdf).substr(pdf.size() > 1024 ? pdf.size() - 1024 : 0);
  if (tail.find("%%EOF") == std::string_view::npos) {
    out.problem({0, "PDF cut short (no %%EOF at its end)", true});
    return;
  }

  PopplerMessages messages;
  std::unique_ptr<poppler::document, DocumentFree> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc) {
    const std::string why = messages.last();
    out.problem({0, "corrupt PDF, poppler cannot open it" + (why.empty() ? "" : ": " + shorten(why, 120)), true});
    return;
  }
  // A locked document answers nothing else (poppler 22 crashes on pages()).
  if (doc->is_locked()) {
    out.problem({0, "encrypted PDF: needs a password, not read", true});
    return;
  }

  Article a;
  a.path = path;
  a.id = id_from_path(path);
  a.line = 0;
  a.author = collapse_whitespace(utf8(doc->get_author()));
  a.title = usable_title(utf8(doc->get_title()));
  std::string unparsed;
  a.date = info_date(*doc, "CreationDate", unparsed);
  if (!a.date) a.date = info_date(*doc, "ModDate", unparsed);
  a.language = catalog_lang(pdf);
  if (language_of_tag(a.language).empty()) a.language = xmp_language(utf8(doc->metadata()));

  const int pages = doc->pages();
  const int readable = std::min(pages, kMaxPdfPages);
  const std::size_t max_text = options().max_text_bytes();
  std::string text;
  std::string first_lines_title;
  int read = 0, opened = 0;
  for (; read < readable && text.size() < max_text; ++read) {
    std::unique_ptr<poppler::page> page(doc->create_page(read));
    if (!page) continue;
    ++opened;
    std::string page_text = utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
    std::replace(page_text.begin(), page_text.end(), '\f', '\n');
    if (a.title.empty() && first_lines_title.empty() && !trim(page_text).empty()) {
      first_lines_title = headline(*page);
      if (first_lines_title.empty()) {
        const std::string_view t = trim(page_text);
        first_lines_title = collapse_whitespace(t.substr(0, t.find('\n')));
      }
    }
    text += mark_paragraphs(page_text);
    text += '\n';
  }
  if (opened == 0) {
    // A page tree with no page poppler can find: what is left of a
    // damaged file (poppler rebuilds its table of objects as it can).
    const std::string why = messages.last();
    out.problem({0,
                 "corrupt PDF, " + (pages == 0 ? std::string("no pages") : "none of its pages can be read") +
                     (why.empty() ? "" : ": " + shorten(why, 120)),
                 true});
    return;
  }
  a.body = paragraphs_from_text(text);
  std::string().swap(text);
  doc.reset();  // before the bytes it reads from
  std::string().swap(pdf);
  if (a.body.empty()) {
    out.problem({0, "no text (scanned PDF? no OCR)", true});
    return;
  }
  if (opened < read)
    out.problem({0,
                 std::to_string(read - opened) + " of " + std::to_string(pages) +
                     " pages cannot be read (corrupt), the others are indexed",
                 false});
  if (read < pages)
    out.problem({0,
                 "only the first " + std::to_string(read) + " of " + std::to_string(pages) +
                     " pages read (limits: " + std::to_string(kMaxPdfPages) + " pages, " + human_size(max_text) +
                     " of text; see --max-article-size)",
                 false});
  if (a.title.empty()) a.title = shorten(first_lines_title, 300);
  drop_leading_title(a.body, a.title);
  if (!a.date) {
    // A date printed in the first lines (a dateline under the headline).
    constexpr std::size_t kFirstLines = 400;
    std::size_t n = std::min(a.body.size(), kFirstLines);
    while (n < a.body.size() && n > 0 && (static_cast<unsigned char>(a.body[n]) & 0xC0) == 0x80) --n;
    if (const std::optional<FoundDate> found = find_date(std::string_view(a.body).substr(0, n))) a.date = found->time;
  }
  if (!unparsed.empty() && !a.date)
    out.problem({0, "unparseable date \"" + shorten(unparsed) + "\" dropped", false});
  out.article(std::move(a));
}

}  // namespace newsdex
