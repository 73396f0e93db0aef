// Turning bytes of unknown encoding into valid UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

enum class Encoding { utf8, utf8_repaired, utf16le, utf16be, binary };

struct Decoded {
  std::string text;   // valid UTF-8, BOM removed; empty when binary
  Encoding encoding = Encoding::utf8;
};

// Decodes file bytes: UTF-8 (with or without BOM) is kept; UTF-16 with a BOM
// (or with the NUL pattern of ASCII text in UTF-16) is converted; every byte
// that is not part of a valid UTF-8 sequence is decoded as Windows-1252
// (a superset of Latin-1 in its printable range), so a Latin-1 file or a
// file with stray bytes becomes readable text; Encoding::utf8_repaired says
// that happened. Data with NUL bytes or mostly control characters in its
// first 8 KiB that is not UTF-16 is Encoding::binary.
Decoded decode_text(std::string_view bytes);

// True when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

// Length (2..4) of the valid, shortest-form UTF-8 multi-byte sequence that
// starts at s[i], or 0 when the bytes there are not one (a stray
// continuation byte, an overlong form, an encoded surrogate, a code point
// above U+10FFFF or a sequence cut short). REQUIRES: s[i] >= 0x80.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

}  // namespace newsdex
