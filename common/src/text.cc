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

}  // namespace

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
      ++i;
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

}  // namespace newsdex
