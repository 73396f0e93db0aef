#include "ner_text.h"

#include <utf8proc.h>

namespace newsdex::ner {
namespace {

// Decodes one code point at s[i]; sets *len to its byte length (1 for an
// invalid byte, whose value is then returned as -1).
utf8proc_int32_t decode(std::string_view s, std::size_t i, std::size_t* len) {
  utf8proc_int32_t cp = -1;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {
    *len = 1;
    return -1;
  }
  *len = static_cast<std::size_t>(n);
  return cp;
}

enum class Kind { kUpper, kLower, kDigit, kOtherLetter, kOther };

Kind kind_of(std::string_view s, std::size_t i, std::size_t* len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    if (c >= 'A' && c <= 'Z') return Kind::kUpper;
    if (c >= 'a' && c <= 'z') return Kind::kLower;
    if (c >= '0' && c <= '9') return Kind::kDigit;
    return Kind::kOther;
  }
  auto cp = decode(s, i, len);
  if (cp < 0) return Kind::kOther;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      return Kind::kUpper;
    case UTF8PROC_CATEGORY_LL:
      return Kind::kLower;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return Kind::kOtherLetter;
    case UTF8PROC_CATEGORY_ND:
      return Kind::kDigit;
    default:
      return Kind::kOther;
  }
}

}  // namespace

void append_capitalised(std::string* out, std::string_view s) {
  if (s.empty()) return;
  std::size_t len = 1;
  const auto cp = decode(s, 0, &len);
  if (cp < 0) {
    out->push_back(s[0]);
  } else {
    utf8proc_uint8_t buf[4];
    const auto n = utf8proc_encode_char(utf8proc_toupper(cp), buf);
    out->append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
  }
  append_lower(out, s.substr(len));
}

void append_lower(std::string* out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    // A run of ASCII bytes is appended at once and lowered in place.
    std::size_t j = i;
    while (j < s.size() && static_cast<unsigned char>(s[j]) < 0x80) ++j;
    if (j > i) {
      std::size_t at = out->size();
      out->append(s.data() + i, j - i);
      for (auto d = out->begin() + static_cast<std::ptrdiff_t>(at); d != out->end(); ++d)
        if (*d >= 'A' && *d <= 'Z') *d = static_cast<char>(*d + 32);
      i = j;
      continue;
    }
    std::size_t len = 1;
    auto cp = decode(s, i, &len);
    if (cp < 0) {
      out->push_back(s[i]);
      ++i;
      continue;
    }
    utf8proc_uint8_t buf[4];
    auto n = utf8proc_encode_char(utf8proc_tolower(cp), buf);
    out->append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
    i += len;
  }
}

void append_shape(std::string* out, std::string_view s) {
  // The shape has at most one byte per byte of s; it is built in a stack
  // buffer when short enough and appended at once.
  char local[64];
  std::string long_buf;
  if (s.size() > sizeof local) long_buf.resize(s.size());
  char* const begin = s.size() > sizeof local ? &long_buf[0] : local;
  char* d = begin;
  char last = 0;
  int run = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    char ch;
    switch (kind_of(s, i, &len)) {
      case Kind::kUpper: ch = 'X'; break;
      case Kind::kLower: ch = 'x'; break;
      case Kind::kDigit: ch = 'd'; break;
      case Kind::kOtherLetter: ch = 'x'; break;
      default: ch = len == 1 ? s[i] : 'o'; break;
    }
    i += len;
    if (ch == last) {
      if (++run > 2) continue;
    } else {
      last = ch;
      run = 1;
    }
    *d++ = ch;
  }
  out->append(begin, static_cast<std::size_t>(d - begin));
}

CaseClass case_class(std::string_view s) {
  if (s.empty()) return CaseClass::kOther;
  std::size_t len = 1;
  Kind first = kind_of(s, 0, &len);
  if (first == Kind::kDigit) return CaseClass::kDigit;
  bool upper = first == Kind::kUpper, lower = first == Kind::kLower || first == Kind::kOtherLetter;
  bool later_upper = false, later_lower = false;
  for (std::size_t i = len; i < s.size();) {
    Kind k = kind_of(s, i, &len);
    if (k == Kind::kUpper) later_upper = true;
    if (k == Kind::kLower || k == Kind::kOtherLetter) later_lower = true;
    i += len;
  }
  if (upper) {
    if (!later_lower) return CaseClass::kUpper;
    return CaseClass::kTitle;
  }
  if (lower) return later_upper ? CaseClass::kMixed : CaseClass::kLower;
  // Leading punctuation ("'s", "-Moscow"): classify by the letters.
  if (later_upper && !later_lower) return CaseClass::kUpper;
  if (later_upper) return CaseClass::kTitle;
  if (later_lower) return CaseClass::kLower;
  return CaseClass::kOther;
}

bool is_all_caps(std::string_view s) {
  bool letter = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    Kind k = kind_of(s, i, &len);
    if (k == Kind::kLower || k == Kind::kOtherLetter) return false;
    if (k == Kind::kUpper) letter = true;
    i += len;
  }
  return letter;
}

bool starts_upper(std::string_view s) {
  if (s.empty()) return false;
  std::size_t len = 1;
  return kind_of(s, 0, &len) == Kind::kUpper;
}

std::size_t utf8_prefix_bytes(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  while (i < s.size() && n > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --n;
  }
  return i;
}

std::size_t utf8_suffix_start(std::string_view s, std::size_t n) {
  std::size_t i = s.size();
  while (i > 0 && n > 0) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    --n;
  }
  return i;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace newsdex::ner
