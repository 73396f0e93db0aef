#include "newsdex/encoding.h"
#include "newsdex/text.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace newsdex {

namespace {

constexpr std::size_t kSniffBytes = 8192;       // binary detection window
constexpr std::size_t kUtf16SniffBytes = 4096;  // BOM-less UTF-16 detection window
static_assert(kEncodingHeadBytes >= 2 * kSniffBytes, "sniff_encoding decodes 2 * kSniffBytes of UTF-16");
constexpr char32_t kReplacement = 0xFFFD;

inline unsigned char byte_at(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}

// Windows-1252 code points for bytes 0x80..0x9F; 0 marks the five bytes the
// code page leaves undefined.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char32_t cp1252_to_unicode(unsigned char b) {
  if (b < 0x80 || b >= 0xA0) return b;
  const char16_t cp = kCp1252High[b - 0x80];
  return cp == 0 ? kReplacement : cp;
}

// Index of the first byte of s that does not begin a valid UTF-8 sequence,
// or s.size() when all of s is valid. ASCII runs are checked 8 bytes at a time.
std::size_t first_invalid_utf8(std::string_view s) {
  const std::size_t n = s.size();
  const char* p = s.data();
  std::size_t i = 0;
  while (i < n) {
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    while (i < n && byte_at(s, i) < 0x80) {
      ++i;
      if ((i & 7) == 0) break;
    }
    if (i >= n) break;
    if (byte_at(s, i) < 0x80) continue;
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) return i;
    i += len;
  }
  return n;
}

bool is_text_control(unsigned char b) {
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F;
}

// True when the first kSniffBytes of s hold a NUL byte or more than 10%
// control characters (other than tab, newline, carriage return, form feed).
bool looks_binary(std::string_view s) {
  const std::size_t n = s.size() < kSniffBytes ? s.size() : kSniffBytes;
  std::size_t controls = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char b = byte_at(s, i);
    if (b == 0) return true;
    if (is_text_control(b)) ++controls;
  }
  return controls * 10 > n;
}

// BOM-less UTF-16 detection: ASCII-range text in UTF-16 has NUL in (nearly)
// every high byte. Returns utf16le, utf16be or utf8 (meaning "not UTF-16").
Encoding sniff_utf16(std::string_view s) {
  const std::size_t n = (s.size() < kUtf16SniffBytes ? s.size() : kUtf16SniffBytes) & ~std::size_t{1};
  if (n < 2) return Encoding::utf8;
  std::size_t even_nul = 0;
  std::size_t odd_nul = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    if (byte_at(s, i) == 0) ++even_nul;
    if (byte_at(s, i + 1) == 0) ++odd_nul;
  }
  const std::size_t units = n / 2;
  // At least 40% of one parity NUL, and the other parity mostly not NUL
  // (a run of zero bytes is binary, not text).
  if (odd_nul * 10 >= units * 4 && even_nul * 10 < units) return Encoding::utf16le;
  if (even_nul * 10 >= units * 4 && odd_nul * 10 < units) return Encoding::utf16be;
  return Encoding::utf8;
}

// True when more than 10% of the first kSniffBytes of decoded UTF-8 text are
// control characters (NUL included).
bool decoded_looks_binary(std::string_view s) {
  const std::size_t n = s.size() < kSniffBytes ? s.size() : kSniffBytes;
  std::size_t controls = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (is_text_control(byte_at(s, i))) ++controls;
  return controls * 10 > n;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const std::size_t n = s.size();
  const unsigned char b0 = byte_at(s, i);
  auto cont = [&](std::size_t k, unsigned char lo, unsigned char hi) {
    if (i + k >= n) return false;
    const unsigned char b = byte_at(s, i + k);
    return b >= lo && b <= hi;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
  if (b0 == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF)
    return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if (b0 == 0xF0)
    return cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  if (b0 >= 0xF1 && b0 <= 0xF3)
    return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  if (b0 == 0xF4)
    return cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  return 0;
}

std::size_t utf8_invalid_length(std::string_view s, std::size_t i) {
  const unsigned char b0 = byte_at(s, i);
  // The range of the second byte, and the sequence length, by lead byte.
  unsigned char lo = 0x80, hi = 0xBF;
  std::size_t len = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) len = 2;
  else if (b0 == 0xE0) { len = 3; lo = 0xA0; }
  else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) len = 3;
  else if (b0 == 0xED) { len = 3; hi = 0x9F; }
  else if (b0 == 0xF0) { len = 4; lo = 0x90; }
  else if (b0 >= 0xF1 && b0 <= 0xF3) len = 4;
  else if (b0 == 0xF4) { len = 4; hi = 0x8F; }
  else return 1;  // not a lead byte
  std::size_t k = 1;
  while (k < len && i + k < s.size()) {
    const unsigned char b = byte_at(s, i + k);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) break;
    ++k;
  }
  return k;
}

bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(s) == s.size(); }

Sniffed sniff_encoding(std::string_view head) {
  Sniffed s;
  if (head.size() >= 3 && byte_at(head, 0) == 0xEF && byte_at(head, 1) == 0xBB && byte_at(head, 2) == 0xBF) {
    s.bom_bytes = 3;
  } else if (head.size() >= 2 && byte_at(head, 0) == 0xFF && byte_at(head, 1) == 0xFE) {
    s = {Encoding::utf16le, 2};
  } else if (head.size() >= 2 && byte_at(head, 0) == 0xFE && byte_at(head, 1) == 0xFF) {
    s = {Encoding::utf16be, 2};
  } else {
    s.encoding = sniff_utf16(head);
  }
  const std::string_view rest = head.substr(s.bom_bytes);
  if (s.encoding == Encoding::utf16le || s.encoding == Encoding::utf16be) {
    // The first kSniffBytes of the decoded text: 2 * kSniffBytes of input
    // give at least that many.
    std::string text;
    Utf16Decoder decoder(s.encoding == Encoding::utf16le);
    decoder.decode(rest.substr(0, 2 * kSniffBytes), text);
    if (decoded_looks_binary(text)) s = {Encoding::binary, 0};
  } else if (looks_binary(rest)) {
    s = {Encoding::binary, 0};
  }
  return s;
}

// repair_utf8 of `bytes`, whose first invalid byte is at `bad`.
std::string repair_utf8_from(std::string_view bytes, std::size_t bad) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  out.append(bytes.data(), bad);
  std::size_t i = bad;
  while (i < bytes.size()) {
    append_utf8(out, cp1252_to_unicode(byte_at(bytes, i)));
    ++i;
    const std::string_view rest = bytes.substr(i);
    const std::size_t good = first_invalid_utf8(rest);
    out.append(rest.data(), good);
    i += good;
  }
  return out;
}

std::string repair_utf8(std::string_view bytes) {
  const std::size_t bad = first_invalid_utf8(bytes);
  if (bad == bytes.size()) return std::string(bytes);
  return repair_utf8_from(bytes, bad);
}

void Utf16Decoder::decode(std::string_view bytes, std::string& out) {
  out.reserve(out.size() + bytes.size());
  auto unit = [this](unsigned char a, unsigned char b) {
    return little_endian_ ? static_cast<char32_t>(a | (b << 8)) : static_cast<char32_t>((a << 8) | b);
  };
  auto emit = [&](char32_t u) {
    if (high_surrogate_ != 0) {
      const char32_t high = high_surrogate_;
      high_surrogate_ = 0;
      if (u >= 0xDC00 && u <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00));
        return;
      }
      append_utf8(out, kReplacement);
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
      high_surrogate_ = u;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      append_utf8(out, kReplacement);
    } else {
      append_utf8(out, u);
    }
  };
  std::size_t i = 0;
  if (odd_byte_ >= 0 && !bytes.empty()) {
    emit(unit(static_cast<unsigned char>(odd_byte_), byte_at(bytes, 0)));
    odd_byte_ = -1;
    i = 1;
  }
  for (; i + 1 < bytes.size(); i += 2) emit(unit(byte_at(bytes, i), byte_at(bytes, i + 1)));
  if (i < bytes.size()) odd_byte_ = byte_at(bytes, i);
}

void Utf16Decoder::finish(std::string& out) {
  if (high_surrogate_ != 0) append_utf8(out, kReplacement);
  if (odd_byte_ >= 0) append_utf8(out, kReplacement);
  high_surrogate_ = 0;
  odd_byte_ = -1;
}

std::size_t decodable_prefix(std::string_view bytes) {
  const std::size_t n = bytes.size();
  Encoding enc = Encoding::utf8;
  if (n >= 2 && byte_at(bytes, 0) == 0xFF && byte_at(bytes, 1) == 0xFE) {
    enc = Encoding::utf16le;
  } else if (n >= 2 && byte_at(bytes, 0) == 0xFE && byte_at(bytes, 1) == 0xFF) {
    enc = Encoding::utf16be;
  } else {
    enc = sniff_utf16(bytes);
  }
  if (enc == Encoding::utf16le || enc == Encoding::utf16be) {
    const bool little_endian = enc == Encoding::utf16le;
    std::size_t end = n & ~std::size_t{1};
    if (end >= 2) {
      const unsigned lo = byte_at(bytes, end - 2), hi = byte_at(bytes, end - 1);
      const unsigned u = little_endian ? (lo | (hi << 8)) : ((lo << 8) | hi);
      if (u >= 0xD800 && u <= 0xDBFF) end -= 2;
    }
    return end;
  }
  // The start of the last (possibly cut) UTF-8 sequence.
  std::size_t k = n;
  while (k > 0 && n - k < 4 && (byte_at(bytes, k - 1) & 0xC0) == 0x80) --k;
  if (k == 0) return n;
  const unsigned char lead = byte_at(bytes, k - 1);
  const std::size_t want = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3
                           : lead >= 0xC2 && lead <= 0xDF ? 2 : 0;
  return want != 0 && n - (k - 1) < want ? k - 1 : n;
}

Decoded decode_text(std::string_view bytes) {
  const Sniffed sniffed = sniff_encoding(bytes);
  if (sniffed.encoding == Encoding::binary) return {std::string(), Encoding::binary};
  bytes.remove_prefix(sniffed.bom_bytes);
  Decoded d;
  if (sniffed.encoding == Encoding::utf16le || sniffed.encoding == Encoding::utf16be) {
    Utf16Decoder decoder(sniffed.encoding == Encoding::utf16le);
    decoder.decode(bytes, d.text);
    decoder.finish(d.text);
    d.encoding = sniffed.encoding;
    return d;
  }
  const std::size_t bad = first_invalid_utf8(bytes);
  if (bad == bytes.size()) {
    d.text.assign(bytes.data(), bytes.size());
  } else {
    d.encoding = Encoding::utf8_repaired;
    d.text = repair_utf8_from(bytes, bad);
  }
  return d;
}

}  // namespace newsdex
