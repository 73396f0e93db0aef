// WARC web archives: each HTML response record an article through the
// HTML reader.
#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

#include "newsdex/dates.h"
#include "newsdex/readers.h"
#include "newsdex/text.h"
#include "readers/archive.h"
#include "readers/reader_io.h"
#include "readers/reader_util.h"

namespace newsdex {

namespace {

constexpr std::size_t kMaxHeaderBytes = std::size_t{64} << 10;  // a record's or response's headers

// The WARC file's bytes through a buffer, counting lines.
class WarcStream {
 public:
  explicit WarcStream(ByteSource& in) : in_(in), buf_(new char[kBuf]) {}

  // The next line without its CR LF (or LF), in `line`; false at the end of
  // the input (`line` then holds what there was). A line longer than `max`
  // is cut there (the rest is read and dropped).
  bool read_line(std::string& line, std::size_t max, std::uint64_t* left = nullptr) {
    line.clear();
    for (;;) {
      if (left != nullptr && *left == 0) return false;
      if (pos_ == len_ && !fill()) return false;
      std::size_t avail = len_ - pos_;
      if (left != nullptr) avail = static_cast<std::size_t>(std::min<std::uint64_t>(avail, *left));
      const char* start = buf_.get() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
      const std::size_t take = nl != nullptr ? static_cast<std::size_t>(nl - start) + 1 : avail;
      if (line.size() < max) line.append(start, std::min(take, max - line.size()));
      consume(take, left);
      if (nl != nullptr) {
        if (!line.empty() && line.back() == '\n') line.pop_back();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
      }
    }
  }

  // Up to `max` bytes (of at most *left), 0 at the end.
  std::size_t read(char* out, std::size_t max, std::uint64_t* left) {
    if (*left == 0) return 0;
    if (pos_ == len_ && !fill()) return 0;
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>({max, len_ - pos_, *left}));
    std::memcpy(out, buf_.get() + pos_, n);
    consume(n, left);
    return n;
  }

  std::uint64_t line() const { return line_; }  // 1-based, of the next byte

 private:
  static constexpr std::size_t kBuf = std::size_t{1} << 16;
  bool fill() {
    pos_ = 0;
    len_ = in_.read(buf_.get(), kBuf);
    return len_ != 0;
  }
  void consume(std::size_t n, std::uint64_t* left) {
    const char* p = buf_.get() + pos_;
    line_ += static_cast<std::uint64_t>(std::count(p, p + n, '\n'));
    pos_ += n;
    if (left != nullptr) *left -= n;
  }
  ByteSource& in_;
  std::unique_ptr<char[]> buf_;
  std::size_t pos_ = 0, len_ = 0;
  std::uint64_t line_ = 1;
};

// A record's block: the next `left` bytes of the stream; `short_` when the
// stream ends first.
class BlockSource final : public ByteSource {
 public:
  BlockSource(WarcStream& s, std::uint64_t length) : s_(s), left_(length), length_(length) {}
  std::size_t read(char* buf, std::size_t max) override {
    const std::size_t n = s_.read(buf, max, &left_);
    if (n == 0 && left_ != 0) cut = true;
    return n;
  }
  std::optional<std::uint64_t> size() const override { return length_; }
  bool read_line(std::string& line) {
    const bool ok = s_.read_line(line, kMaxHeaderBytes, &left_);
    if (!ok && left_ != 0) cut = true;
    return ok;
  }
  void drain() {
    char chunk[16384];
    while (read(chunk, sizeof chunk) != 0) {
    }
  }
  std::uint64_t left() const { return left_; }
  bool cut = false;

 private:
  WarcStream& s_;
  std::uint64_t left_;
  std::uint64_t length_;
};

// Headers "Name: value" (names lower-cased) up to an empty line; false
// when they end first or are too large.
template <typename LineFn>
bool read_headers(LineFn next_line, std::map<std::string, std::string>& headers) {
  std::string line;
  std::size_t total = 0;
  std::string last;
  for (;;) {
    if (!next_line(line)) return false;
    if (line.empty()) return true;
    total += line.size();
    if (total > kMaxHeaderBytes) return false;
    if ((line[0] == ' ' || line[0] == '\t') && !last.empty()) {  // a continuation
      headers[last] += " " + std::string(trim(line));
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    last = ascii_lower(trim(std::string_view(line).substr(0, colon)));
    headers[last] = std::string(trim(std::string_view(line).substr(colon + 1)));
  }
}

std::string header(const std::map<std::string, std::string>& h, const char* name) {
  const auto it = h.find(name);
  return it == h.end() ? std::string() : it->second;
}

// A Content-Length: digits only, no more than 19 of them.
std::optional<std::uint64_t> parse_length(const std::string& s) {
  if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoull(s);
}

// The media type of a Content-Type, lower case, without parameters.
std::string media_type(const std::string& content_type) {
  return ascii_lower(trim(std::string_view(content_type).substr(0, content_type.find(';'))));
}

// Holds the one article the HTML reader gives for a record, and its
// problems, until the record is known to be whole.
class RecordSink final : public ArticleSink {
 public:
  bool article(Article a) override {
    held = std::move(a);
    return true;
  }
  void problem(Problem p) override { problems.push_back(std::move(p)); }
  std::optional<Article> held;
  std::vector<Problem> problems;
};

}  // namespace

void WarcReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  WarcStream s(in);
  HtmlReader html(options());
  std::map<std::string, std::uint64_t> skipped;  // by kind
  std::uint64_t records = 0;
  std::string line;
  std::uint64_t at = 0;  // the line of the record being read
  try {
    for (;;) {
      // Records are separated by two CR LFs; any empty lines are passed.
      bool eof = false;
      do {
        at = s.line();
        if (!s.read_line(line, 256)) {
          eof = true;
          break;
        }
      } while (line.empty());
      if (eof) {
        if (!line.empty()) {
          out.problem({at, "not a WARC record (bytes after the last record)", true});
          return;
        }
        break;
      }
      if (line.rfind("WARC/", 0) != 0) {
        out.problem({at,
                     records == 0 ? "not a WARC file (no WARC/1.0 or WARC/1.1 line)"
                                  : "not a WARC record header (the previous record's Content-Length is wrong?); "
                                    "the rest of the file is not read",
                     true});
        return;
      }
      ++records;
      std::map<std::string, std::string> warc;
      if (!read_headers([&](std::string& l) { return s.read_line(l, kMaxHeaderBytes); }, warc)) {
        out.problem({at, "WARC record headers cut short or too large", true});
        return;
      }
      const std::optional<std::uint64_t> length = parse_length(header(warc, "content-length"));
      if (!length) {
        out.problem({at, "WARC record without a valid Content-Length; the rest of the file is not read", true});
        return;
      }
      const std::string type = ascii_lower(header(warc, "warc-type"));
      std::string uri = header(warc, "warc-target-uri");
      // WARC 1.0 writers such as wget put the URI in angle brackets.
      if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
      BlockSource block(s, *length);
      RecordSink held;
      std::string skip;  // why the record is skipped, empty when read
      if (type != "response") {
        skip = type.empty() ? "untyped" : shorten(type, 20);
      } else if (media_type(header(warc, "content-type")) != "application/http") {
        skip = "response (not HTTP)";
      } else {
        std::string status;
        std::map<std::string, std::string> http;
        if (!block.read_line(status) ||
            !read_headers([&](std::string& l) { return block.read_line(l); }, http)) {
          skip = block.cut ? "" : "response (bad HTTP headers)";
        } else {
          // "HTTP/1.1 200 OK"
          const std::size_t sp = status.find(' ');
          const std::string code = sp == std::string::npos ? "" : status.substr(sp + 1, 3);
          const std::string type_of_body = media_type(header(http, "content-type"));
          const std::string encoding = ascii_lower(header(http, "content-encoding"));
          if (status.rfind("HTTP/", 0) != 0 || code.size() != 3 || code[0] != '2') {
            skip = "response (HTTP status not 2xx)";
          } else if (type_of_body != "text/html" && type_of_body != "application/xhtml+xml") {
            skip = "response (not HTML)";
          } else if (ascii_lower(header(http, "transfer-encoding")).find("chunked") != std::string::npos) {
            skip = "response (chunked transfer encoding)";
          } else if (!encoding.empty() && encoding != "identity" && encoding != "gzip" && encoding != "x-gzip") {
            skip = "response (content encoding " + shorten(encoding, 20) + ")";
          } else if (uri.empty()) {
            skip = "response (no WARC-Target-URI)";
          } else if (encoding == "gzip" || encoding == "x-gzip") {
            DecompressingSource body(block, options().max_expanded_bytes);
            read_with(html, path, body, held);
            if (!body.error().empty()) {
              held.held.reset();
              held.problems = {{0, "Content-Encoding gzip: " + body.error(), true}};
            }
          } else {
            read_with(html, path, block, held);
          }
        }
      }
      block.drain();
      if (block.cut) {
        out.problem({at, "WARC record cut short (Content-Length " + std::to_string(*length) + ", " +
                             std::to_string(*length - block.left()) + " bytes there)",
                     true});
        return;
      }
      // The block is followed by CR LF CR LF.
      std::string end1, end2;
      const bool ended = !s.read_line(end1, 16) && end1.empty();
      if (!ended && (!end1.empty() || !s.read_line(end2, 16) || !end2.empty())) {
        out.problem({at, "WARC record's Content-Length (" + std::to_string(*length) +
                             ") does not end at the record's end; the rest of the file is not read",
                     true});
        return;
      }
      if (!skip.empty()) {
        ++skipped[skip];
        continue;
      }
      for (Problem& p : held.problems) out.problem({at, shorten(uri, 200) + ": " + p.message, p.failed});
      if (!held.held) continue;
      Article a = std::move(*held.held);
      a.id = uri;
      a.url = uri;
      a.line = at;
      if (!a.date) a.date = parse_date(header(warc, "warc-date"));
      if (!out.article(std::move(a))) return;
      if (ended) break;
    }
  } catch (const ReadError& e) {
    throw ReadError("WARC record at line " + std::to_string(at) + ": " + e.what());
  }
  if (records == 0) {
    out.problem({0, "not a WARC file (no records)", true});
    return;
  }
  if (!skipped.empty()) {
    std::uint64_t n = 0;
    std::string kinds;
    for (const auto& [kind, count] : skipped) {
      n += count;
      kinds += (kinds.empty() ? "" : ", ") + std::to_string(count) + " " + kind;
    }
    out.problem({0, "skipped " + std::to_string(n) + " of " + std::to_string(records) + " WARC records: " + kinds,
                 false});
  }
}

}  // namespace newsdex
