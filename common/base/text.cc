#include "newsdex/text.h"

#include "newsdex/encoding.h"

namespace newsdex {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// True for the code points terminal_safe replaces, given as the bytes of
// one valid multi-byte UTF-8 sequence.
bool is_unsafe_sequence(std::string_view seq) {
  const auto b0 = static_cast<unsigned char>(seq[0]);
  const auto b1 = static_cast<unsigned char>(seq[1]);
  if (seq.size() == 2) return b0 == 0xC2 && b1 < 0xA0;  // U+0080..U+009F
  if (seq.size() == 3 && b0 == 0xE2) {
    const auto b2 = static_cast<unsigned char>(seq[2]);
    if (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) return true;  // U+202A..U+202E
    if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return true;  // U+2066..U+2069
  }
  return false;
}

// The code point at s[i] and its byte length, or {0, 0} for a byte that
// does not start valid UTF-8.
struct CodePoint {
  char32_t cp;
  std::size_t len;
};

CodePoint decode_at(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  const std::size_t n = utf8_sequence_length(s, i);
  if (n == 0) return {0, 0};
  char32_t cp = b0 & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {cp, n};
}

}  // namespace

bool is_space(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_invisible(char32_t cp) { return cp == 0xAD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF; }

std::size_t space_at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return b == ' ' || (b >= '\t' && b <= '\r') ? 1 : 0;
  if (b != 0xC2 && b != 0xE1 && b != 0xE2 && b != 0xE3) return 0;  // no space starts otherwise
  const CodePoint d = decode_at(s, i);
  return d.len != 0 && is_space(d.cp) ? d.len : 0;
}

std::size_t invisible_at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b != 0xC2 && b != 0xE2 && b != 0xEF) return 0;
  const CodePoint d = decode_at(s, i);
  return d.len != 0 && is_invisible(d.cp) ? d.len : 0;
}

std::size_t space_before(std::string_view s, std::size_t end) {
  for (std::size_t len = 1; len <= 3 && len <= end; ++len) {
    if (space_at(s, end - len) == len) return len;
  }
  return 0;
}

std::string_view trim(std::string_view s) {
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t n = space_at(s, start);
    if (n == 0) n = invisible_at(s, start);
    if (n == 0) break;
    start += n;
  }
  std::size_t end = s.size();
  while (end > start) {
    std::size_t n = space_before(s, end);
    for (std::size_t len = 2; n == 0 && len <= 3 && len <= end - start; ++len) {
      if (invisible_at(s, end - len) == len) n = len;
    }
    if (n == 0) break;
    end -= n;
  }
  return s.substr(start, end - start);
}

bool is_blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = space_at(s, i);
    if (n == 0) n = invisible_at(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void append_collapsed(std::string& out, std::string_view in, bool& pending_space) {
  std::size_t i = 0;
  while (i < in.size()) {
    if (const std::size_t n = space_at(in, i)) {
      pending_space = true;
      i += n;
      continue;
    }
    if (const std::size_t n = invisible_at(in, i)) {
      i += n;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(in[i++]);
  }
}

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  append_collapsed(out, s, pending);
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string terminal_safe(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '\n' || c == '\t') {
        out.push_back(keep_newlines ? static_cast<char>(c) : ' ');
      } else if (c < 0x20 || c == 0x7F) {
        out.append(kReplacement);
      } else {
        out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      out.append(kReplacement);
      i += utf8_invalid_length(text, i);
      continue;
    }
    const std::string_view seq = text.substr(i, n);
    if (is_unsafe_sequence(seq)) {
      out.append(kReplacement);
    } else {
      out.append(seq);
    }
    i += n;
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace newsdex
