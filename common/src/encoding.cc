#include "newsdex/encoding.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace newsdex {

namespace {

constexpr std::size_t kSniffBytes = 8192;       // binary detection window
constexpr std::size_t kUtf16SniffBytes = 4096;  // BOM-less UTF-16 detection window
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

void append_utf8(std::string& out, char32_t cp) {
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

// Converts UTF-16 code units (without BOM) to UTF-8. Unpaired surrogates and
// a trailing odd byte become U+FFFD.
std::string utf16_to_utf8(std::string_view s, bool little_endian) {
  std::string out;
  out.reserve(s.size());
  const std::size_t units = s.size() / 2;
  auto unit = [&](std::size_t k) -> char32_t {
    const unsigned char a = byte_at(s, 2 * k);
    const unsigned char b = byte_at(s, 2 * k + 1);
    return little_endian ? static_cast<char32_t>(a | (b << 8)) : static_cast<char32_t>((a << 8) | b);
  };
  for (std::size_t k = 0; k < units; ++k) {
    const char32_t u = unit(k);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (k + 1 < units) {
        const char32_t lo = unit(k + 1);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
          ++k;
          continue;
        }
      }
      append_utf8(out, kReplacement);
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      append_utf8(out, kReplacement);
    } else {
      append_utf8(out, u);
    }
  }
  if (s.size() % 2 != 0) append_utf8(out, kReplacement);
  return out;
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

Decoded decode_utf16(std::string_view s, Encoding enc) {
  Decoded d;
  d.text = utf16_to_utf8(s, enc == Encoding::utf16le);
  if (decoded_looks_binary(d.text)) return {std::string(), Encoding::binary};
  d.encoding = enc;
  return d;
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

bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(s) == s.size(); }

Decoded decode_text(std::string_view bytes) {
  if (bytes.size() >= 3 && byte_at(bytes, 0) == 0xEF && byte_at(bytes, 1) == 0xBB &&
      byte_at(bytes, 2) == 0xBF) {
    bytes.remove_prefix(3);
  } else if (bytes.size() >= 2 && byte_at(bytes, 0) == 0xFF && byte_at(bytes, 1) == 0xFE) {
    return decode_utf16(bytes.substr(2), Encoding::utf16le);
  } else if (bytes.size() >= 2 && byte_at(bytes, 0) == 0xFE && byte_at(bytes, 1) == 0xFF) {
    return decode_utf16(bytes.substr(2), Encoding::utf16be);
  } else {
    const Encoding sniffed = sniff_utf16(bytes);
    if (sniffed != Encoding::utf8) return decode_utf16(bytes, sniffed);
  }

  if (looks_binary(bytes)) return {std::string(), Encoding::binary};

  Decoded d;
  std::size_t bad = first_invalid_utf8(bytes);
  if (bad == bytes.size()) {
    d.text.assign(bytes.data(), bytes.size());
    return d;
  }
  d.encoding = Encoding::utf8_repaired;
  d.text.reserve(bytes.size() + bytes.size() / 8);
  d.text.append(bytes.data(), bad);
  std::size_t i = bad;
  while (i < bytes.size()) {
    append_utf8(d.text, cp1252_to_unicode(byte_at(bytes, i)));
    ++i;
    const std::string_view rest = bytes.substr(i);
    const std::size_t good = first_invalid_utf8(rest);
    d.text.append(rest.data(), good);
    i += good;
  }
  return d;
}

}  // namespace newsdex
