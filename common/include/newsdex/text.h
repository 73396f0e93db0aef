// Small text utilities shared by every stage: one definition each, and one
// idea of what white space is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex {

// White space, everywhere in newsdex: ASCII white space (space, \t, \n, \v,
// \f, \r) and Unicode's other White_Space characters (U+0085, no-break
// space U+00A0, U+1680, the en and em spaces U+2000..U+200A, U+2028,
// U+2029, U+202F, U+205F, the ideographic space U+3000).
bool is_space(char32_t cp);

// Invisible characters, which text functions here drop: soft hyphen
// U+00AD, zero width space U+200B, word joiner U+2060, BOM U+FEFF.
bool is_invisible(char32_t cp);

// Byte length of the white space (space_at) or invisible (invisible_at)
// character that starts at s[i], or 0. REQUIRES: i < s.size().
std::size_t space_at(std::string_view s, std::size_t i);
std::size_t invisible_at(std::string_view s, std::size_t i);
// Byte length of the white space character that ends s[0..end), or 0.
std::size_t space_before(std::string_view s, std::size_t end);

// `s` without white space and invisible characters at either end.
std::string_view trim(std::string_view s);

// True when `s` holds only white space and invisible characters.
bool is_blank(std::string_view s);

// Appends `in` to `out` with every run of white space collapsed to one
// space and invisible characters dropped. `pending_space` carries a space
// owed by earlier text across calls; no space is written at the start of
// `out`, and a trailing run stays owed.
void append_collapsed(std::string& out, std::string_view in, bool& pending_space);

// `s` with white space collapsed to single spaces, invisible characters
// dropped, and both ends trimmed.
std::string collapse_whitespace(std::string_view s);

// ASCII letters lower-cased; every other byte as it is.
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
std::string ascii_lower(std::string_view s);

// Appends the UTF-8 encoding of `cp`; a value that is not a Unicode scalar
// value (a surrogate, or above U+10FFFF) becomes U+FFFD.
void append_utf8(std::string& out, char32_t cp);

// `text` made safe to write to a terminal: every control character (C0
// except '\n' and '\t', DEL, and the C1 range U+0080..U+009F, which holds
// the 8-bit CSI and OSC introducers) and every bidirectional override or
// isolate (U+202A..U+202E, U+2066..U+2069) becomes U+FFFD, as does each
// byte that is not part of valid UTF-8, so an article field cannot move
// the cursor, clear the screen, retitle the window, open a hyperlink (OSC
// 8) or reorder what is shown. With `keep_newlines` false, '\n' and '\t'
// become spaces too (for one-line output such as diagnostics).
std::string terminal_safe(std::string_view text, bool keep_newlines = true);

// `text` safe as HTML text and as a quoted attribute value (either quote):
// '&', '<', '>', '"' and '\'' become character references, every other
// byte is kept. The one HTML escape of newsdex-serve's pages.
std::string html_escape(std::string_view text);

// A 64-bit finaliser (a bijection) that spreads the bits of a combined
// hash. Pure and the same on every platform: the entity model's feature
// names and the near-duplicate signatures depend on its exact bits.
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace newsdex
