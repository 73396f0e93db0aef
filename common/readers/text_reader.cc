// TextReader: plain-text articles as saved from web pages or distributed in
// research corpora. Layout: headline on the first non-empty line, then an
// optional header (repeated headline, photo caption, byline, date line),
// then paragraphs, then optional page furniture ("Share", "News", "Dismiss").
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/dates.h"
#include "newsdex/encoding.h"
#include "newsdex/readers.h"
#include "newsdex/text.h"
#include "readers/byline.h"
#include "readers/reader_io.h"

namespace newsdex {

namespace {

constexpr std::size_t kMaxBylineBytes = 120;
// A first line longer than this is not a headline but text without one: it
// stays in the body and the title is its start.
constexpr std::size_t kMaxTitleBytes = 1000;
constexpr std::size_t kCutTitleBytes = 200;
constexpr std::size_t kMaxCaptionBytes = 300;
constexpr std::size_t kMaxDateLineBytes = 100;
constexpr std::size_t kBylineSearchLines = 5;   // non-blank lines after the title
constexpr std::size_t kHeaderLinesAfterByline = 3;
constexpr std::size_t kMaxFurnitureWords = 3;
constexpr std::size_t kMaxGenericFurnitureLines = 3;

std::size_t count_words(std::string_view collapsed) {
  if (collapsed.empty()) return 0;
  std::size_t words = 1;
  for (char c : collapsed)
    if (c == ' ') ++words;
  return words;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Lower-cased, whitespace-collapsed, typographic quotes made straight: two
// headlines are "the same" when these forms are equal.
std::string headline_key(std::string_view s) {
  std::string out = ascii_lower(collapse_whitespace(s));
  static constexpr std::string_view kQuotes[][2] = {
      {"\xE2\x80\x98", "'"}, {"\xE2\x80\x99", "'"}, {"\xE2\x80\x9C", "\""}, {"\xE2\x80\x9D", "\""}};
  for (const auto& q : kQuotes) {
    for (std::size_t pos = out.find(q[0]); pos != std::string::npos; pos = out.find(q[0], pos))
      out.replace(pos, q[0].size(), q[1]);
  }
  return out;
}

// True when s (trimmed) ends a sentence: . ! ? or an ellipsis, optionally
// followed by closing quotes or brackets.
bool ends_sentence(std::string_view s) {
  for (;;) {
    if (s.empty()) return false;
    if (ends_with(s, "\xE2\x80\x99") || ends_with(s, "\xE2\x80\x9D")) {
      s.remove_suffix(3);
    } else if (s.back() == '"' || s.back() == '\'' || s.back() == ')' || s.back() == ']') {
      s.remove_suffix(1);
    } else {
      break;
    }
  }
  if (ends_with(s, "\xE2\x80\xA6")) return true;
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

// Byline: a lead ("By ", "Par ", "Von ", ...: byline.h), short, not a
// sentence of the body.
bool is_byline(std::string_view line) {
  return byline::is_byline(line, byline::Context::text_line, kMaxBylineBytes);
}

// Sets author (and date, when the line has one) from a byline: the text
// after its lead up to the date, without trailing separators or a date
// label ("By Sam Okafor | Published: 3 March 2025" -> "Sam Okafor",
// "Par Camille Dubois, le 8 septembre 2025" -> "Camille Dubois").
void read_byline(std::string_view line, Article& article) {
  byline::Byline b = byline::read(line, byline::Context::text_line);
  if (!article.date) article.date = b.date;
  article.author = std::move(b.author);
}

// A line that is only a date, perhaps with a label of a few words
// ("October 15, 2025", "Published: 3 March 2025, 10:00 GMT").
std::optional<UnixTime> date_line(std::string_view line) {
  if (line.size() > kMaxDateLineBytes) return std::nullopt;
  // A line that is a date in every form parse_date reads ("08.09.2025",
  // which free text never holds as a date: find_date).
  if (auto whole = parse_date(line)) return whole;
  const std::optional<FoundDate> found = find_date(line);
  if (!found) return std::nullopt;
  std::string rest(line.substr(0, found->offset));
  rest += ' ';
  rest += line.substr(found->offset + found->length);
  for (char& c : rest)
    if (c == ':' || c == ',' || c == '|' || c == '-' || c == '(' || c == ')') c = ' ';
  const std::string words = collapse_whitespace(rest);
  if (count_words(words) > 3 || ends_sentence(words)) return std::nullopt;
  return found->time;
}

// A photo credit inside a caption: "... / Agency", "Photo: ...",
// "(Reuters)", "Getty Images".
bool has_photo_credit(std::string_view line) {
  if (line.find(" / ") != std::string_view::npos) return true;
  const std::string lower = ascii_lower(line);
  static constexpr std::string_view kCredits[] = {
      "photo:",  "photograph:", "image:",       "picture:", "credit:",  "photo by ",
      "getty images", "shutterstock", "(reuters)", "(ap)", "(afp)",  "(epa)", "ap photo"};
  for (std::string_view credit : kCredits)
    if (lower.find(credit) != std::string::npos) return true;
  return false;
}

bool is_caption(std::string_view line, bool before_byline) {
  if (line.size() > kMaxCaptionBytes || ends_sentence(line)) return false;
  return before_byline || has_photo_credit(line);
}

// Page furniture that is never article text when it ends a file.
bool is_known_furniture(std::string_view line) {
  static constexpr std::string_view kFurniture[] = {
      "news", "dismiss", "share", "share this", "share this article", "advertisement",
      "advert", "sponsored", "comments", "comment", "related", "related articles",
      "related stories", "read more", "more", "subscribe", "sign up", "sign in", "log in",
      "print", "email", "close", "menu", "back to top", "top", "tweet", "facebook",
      "twitter", "linkedin", "whatsapp", "copy link", "tags", "topics", "home", "next",
      "previous", "continue reading", "skip to content", "cookie settings"};
  const std::string lower = ascii_lower(collapse_whitespace(line));
  for (std::string_view f : kFurniture)
    if (lower == f) return true;
  return false;
}

// A short line with no sentence punctuation, digits or list punctuation:
// possibly furniture ("Share on social media"), possibly a name in a list.
bool is_generic_furniture(std::string_view line) {
  const std::string collapsed = collapse_whitespace(line);
  if (count_words(collapsed) > kMaxFurnitureWords) return false;
  for (char c : collapsed) {
    if ((c >= '0' && c <= '9') || c == '.' || c == '!' || c == '?' || c == ',' || c == ';' ||
        c == ':' || c == '(' || c == ')')
      return false;
  }
  return collapsed.find("\xE2\x80\xA6") == std::string::npos;
}

// The first kCutTitleBytes of a long line, cut at a word where there is
// one, with "..." added.
std::string headline_from_text(std::string_view line) {
  std::string_view head = line.substr(0, kCutTitleBytes);
  while (!head.empty() && (static_cast<unsigned char>(line[head.size()]) & 0xC0) == 0x80)
    head.remove_suffix(1);
  const std::size_t space = head.find_last_of(" \t");
  if (space != std::string_view::npos && space > kCutTitleBytes / 2) head = head.substr(0, space);
  return collapse_whitespace(head) + "...";
}

enum class LineKind : std::uint8_t { blank, removed, body };

// The lines of a text, trimmed, each with its kind: 9 bytes a line, so a
// text of short lines costs at most 4.5 times its size here (a line is at
// least 2 bytes with its newline). A run of blank lines is one blank line
// (nothing below tells one blank line from several). `text` must outlive
// the Lines. REQUIRES: text.size() < 4 GiB (max_text_bytes() is at most
// 1 GiB, at most 3 GiB decoded).
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {
    std::size_t breaks = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    if (breaks == 0) breaks = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\r'));
    spans_.reserve(breaks + 1);
    kinds_.reserve(breaks + 1);
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find_first_of("\r\n", start);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view trimmed = trim(text.substr(start, end - start));
      const LineKind kind = trimmed.empty() ? LineKind::blank : LineKind::body;
      if (kind != LineKind::blank || kinds_.empty() || kinds_.back() != LineKind::blank) {
        spans_.push_back({static_cast<std::uint32_t>(trimmed.data() - text.data()),
                          static_cast<std::uint32_t>(trimmed.size())});
        kinds_.push_back(kind);
      }
      if (end == text.size()) break;
      start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
    }
  }

  std::size_t size() const { return kinds_.size(); }
  std::string_view text(std::size_t i) const { return text_.substr(spans_[i].begin, spans_[i].size); }
  LineKind kind(std::size_t i) const { return kinds_[i]; }
  void remove(std::size_t i) { kinds_[i] = LineKind::removed; }

 private:
  struct Span {
    std::uint32_t begin, size;
  };
  std::string_view text_;
  std::vector<Span> spans_;
  std::vector<LineKind> kinds_;
};

// Classifies the lines after the title (lines[first..]) that belong to the
// header, marking them removed and filling author/date.
void read_header(Lines& lines, std::size_t first, const std::string& title,
                 Article& article) {
  const std::string title_key = headline_key(title);
  std::vector<std::size_t> nonblank;
  for (std::size_t i = first; i < lines.size() && nonblank.size() < kBylineSearchLines; ++i)
    if (lines.kind(i) == LineKind::body) nonblank.push_back(i);

  std::optional<std::size_t> byline;
  for (std::size_t k = 0; k < nonblank.size(); ++k) {
    if (is_byline(lines.text(nonblank[k]))) {
      byline = k;
      break;
    }
  }

  // Between the title and the byline: everything but a standfirst sentence.
  std::size_t k = 0;
  if (byline) {
    for (; k < *byline; ++k) {
      const std::size_t li = nonblank[k];
      if (auto d = date_line(lines.text(li))) {
        if (!article.date) article.date = d;
        lines.remove(li);
      } else if (headline_key(lines.text(li)) == title_key || is_caption(lines.text(li), true)) {
        lines.remove(li);
      }
    }
    read_byline(lines.text(nonblank[k]), article);
    lines.remove(nonblank[k]);
    ++k;
  }

  // After the byline (or the title): header lines until the first body line.
  std::size_t seen = 0;
  for (std::size_t i = byline ? nonblank[k - 1] + 1 : first;
       i < lines.size() && seen < kHeaderLinesAfterByline; ++i) {
    if (lines.kind(i) != LineKind::body) continue;
    ++seen;
    if (auto d = date_line(lines.text(i))) {
      if (!article.date) article.date = d;
      lines.remove(i);
    } else if (headline_key(lines.text(i)) == title_key || is_caption(lines.text(i), false)) {
      lines.remove(i);
    } else {
      break;
    }
  }
}

// Marks trailing page furniture removed: known furniture words always; a
// run of at most kMaxGenericFurnitureLines other short lines only when the
// text before it ends with a sentence.
void drop_trailing_furniture(Lines& lines, std::size_t first) {
  std::size_t i = lines.size();
  // At most one more than can be removed: enough to know there are too many.
  std::vector<std::size_t> generic;
  while (i > first) {
    --i;
    if (lines.kind(i) != LineKind::body) continue;
    if (is_known_furniture(lines.text(i))) {
      lines.remove(i);
      continue;
    }
    if (is_generic_furniture(lines.text(i))) {
      if (generic.size() <= kMaxGenericFurnitureLines) generic.push_back(i);
      continue;
    }
    if (ends_sentence(lines.text(i)) && generic.size() <= kMaxGenericFurnitureLines) {
      for (std::size_t g : generic) lines.remove(g);
    }
    return;
  }
}

// Paragraphs of lines[first..]: separated by blank lines when the body has
// any, otherwise one per line; removed lines separate paragraphs too.
std::string join_body(const Lines& lines, std::size_t first) {
  bool blank_separated = false;
  bool seen_body = false;
  bool blank_after_body = false;
  for (std::size_t i = first; i < lines.size() && !blank_separated; ++i) {
    if (lines.kind(i) == LineKind::body) {
      if (blank_after_body) blank_separated = true;
      seen_body = true;
    } else if (lines.kind(i) == LineKind::blank && seen_body) {
      blank_after_body = true;
    }
  }

  std::string body;
  std::string paragraph;
  auto flush = [&] {
    const std::string collapsed = collapse_whitespace(paragraph);
    paragraph.clear();
    if (collapsed.empty()) return;
    if (!body.empty()) body += "\n\n";
    body += collapsed;
  };
  for (std::size_t i = first; i < lines.size(); ++i) {
    if (lines.kind(i) != LineKind::body) {
      flush();
      continue;
    }
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += lines.text(i);
    if (!blank_separated) flush();
  }
  flush();
  return body;
}

}  // namespace

void TextReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  // Only what can be kept is read: the body is cut at max_body_bytes anyway.
  const std::size_t limit = options().max_text_bytes();
  static_assert(3 * (std::size_t{1} << 30) < (std::size_t{1} << 32), "Lines index the text with 32 bits");
  std::string bytes;
  const bool cut = read_prefix(in, limit, bytes);
  if (cut) {
    bytes.resize(decodable_prefix(bytes));
    const std::optional<std::uint64_t> total = in.size();
    out.problem({0, "text cut: only its first " + human_size(limit) + (total ? " of " + human_size(*total) : "") +
                        " read; the rest is not indexed (see --max-article-size)",
                 false});
  }
  Decoded decoded = decode_text(bytes);
  std::string().swap(bytes);
  if (decoded.encoding == Encoding::binary) {
    out.problem({0, "binary file, not text", true});
    return;
  }
  if (decoded.encoding == Encoding::utf8_repaired)
    out.problem({0, "invalid UTF-8 repaired (decoded as Windows-1252/Latin-1)", false});

  Article article;
  article.id = id_from_path(path);
  article.path = path;
  {
    Lines lines(decoded.text);
    std::size_t title_index = 0;
    while (title_index < lines.size() && lines.kind(title_index) == LineKind::blank) ++title_index;
    if (title_index == lines.size()) {
      out.problem({0, "empty file", true, true});
      return;
    }
    std::size_t first = title_index + 1;
    if (lines.text(title_index).size() > kMaxTitleBytes) {
      article.title = headline_from_text(lines.text(title_index));
      first = title_index;
      out.problem({0, "first line too long for a headline (" + std::to_string(lines.text(title_index).size()) +
                          " bytes): title taken from its start, the line kept as body",
                   false});
    } else {
      article.title = collapse_whitespace(lines.text(title_index));
      read_header(lines, first, article.title, article);
    }
    drop_trailing_furniture(lines, first);
    article.body = join_body(lines, first);
  }
  // The sink may index the article at once: the text is not needed then.
  std::string().swap(decoded.text);
  out.article(std::move(article));
}

}  // namespace newsdex
