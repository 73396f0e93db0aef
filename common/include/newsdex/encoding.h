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

// What decode_text makes of input that starts with `head` (its first
// kEncodingHeadBytes bytes, or all of it when shorter): `encoding` is
// utf8 (BOM or not; bytes that are not UTF-8 are repaired later, piece by
// piece, with repair_utf8), utf16le, utf16be or binary; `bom_bytes` is the
// length of the byte order mark to skip (0, 2 or 3). For input read in
// chunks; decode_text decides the same way.
inline constexpr std::size_t kEncodingHeadBytes = 16384;
struct Sniffed {
  Encoding encoding = Encoding::utf8;
  std::size_t bom_bytes = 0;
};
Sniffed sniff_encoding(std::string_view head);

// `s` with every byte that is not part of a valid UTF-8 sequence decoded
// as Windows-1252 (what decode_text does to UTF-8 input).
std::string repair_utf8(std::string_view s);

// UTF-16 to UTF-8 for input read in chunks: decode() may be given any
// split of the bytes (an odd byte or half of a surrogate pair is kept for
// the next call); finish() ends the input. Unpaired surrogates and a
// trailing odd byte become U+FFFD, as in decode_text.
class Utf16Decoder {
 public:
  explicit Utf16Decoder(bool little_endian) : little_endian_(little_endian) {}
  // Appends the UTF-8 of `bytes` (after what earlier calls held back) to out.
  void decode(std::string_view bytes, std::string& out);
  // Appends what is still held back (as U+FFFD) to out.
  void finish(std::string& out);

 private:
  bool little_endian_;
  int odd_byte_ = -1;             // a first byte still waiting for its pair
  char32_t high_surrogate_ = 0;   // a high surrogate waiting for its low half
};

// The length of the longest prefix of `bytes` that does not end inside a
// character, for input cut at an arbitrary byte: a trailing incomplete
// UTF-8 sequence, or in UTF-16 input (by its byte order mark, or sniffed)
// a trailing odd byte or high surrogate, is left out. Decoding the prefix
// then reports no repair the cut alone caused.
std::size_t decodable_prefix(std::string_view bytes);

// Length (2..4) of the valid, shortest-form UTF-8 multi-byte sequence that
// starts at s[i], or 0 when the bytes there are not one (a stray
// continuation byte, an overlong form, an encoded surrogate, a code point
// above U+10FFFF or a sequence cut short). REQUIRES: s[i] >= 0x80.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// Length (1..3) of the ill-formed bytes that start at s[i] and count as one
// U+FFFD where invalid UTF-8 is replaced: the longest start of a valid
// sequence there ("maximal subpart", as the Unicode Standard recommends
// and nlohmann::json does), else 1. REQUIRES: utf8_sequence_length(s, i)
// is 0.
std::size_t utf8_invalid_length(std::string_view s, std::size_t i);

}  // namespace newsdex
