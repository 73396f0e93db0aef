// Text primitives shared by the entity tagger, its trainer and the gazetteer:
// UTF-8 case mapping, word shapes and the 64-bit hashes that name features.
// Every function here is pure and deterministic across platforms, so a model
// trained on one machine scores identically on another.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "newsdex/text.h"

namespace newsdex::ner {

// The 64-bit finaliser of text.h (features are named with it: the
// shipped model depends on its exact bits).
using newsdex::mix64;

// The byte hash in steps, for callers that hash several forms of a
// string in one pass: the state before any byte, after one more byte,
// and the hash of the `len` bytes fed.
inline std::uint64_t hash_start(std::uint64_t seed) { return 0xcbf29ce484222325ULL ^ mix64(seed + 0x9e3779b97f4a7c15ULL); }
inline std::uint64_t hash_step(std::uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ULL; }
inline std::uint64_t hash_end(std::uint64_t h, std::size_t len) { return mix64(h ^ len); }

// hash_bytes() of the string whose k-th byte is map(s[k]), without
// building it. map must be a pure function of one byte.
template <class ByteMap>
inline std::uint64_t hash_mapped_bytes(std::string_view s, std::uint64_t seed, ByteMap map) {
  std::uint64_t h = hash_start(seed);
  for (unsigned char c : s) h = hash_step(h, static_cast<unsigned char>(map(c)));
  return hash_end(h, s.size());
}

// Hash of a byte string under a seed; the seed separates namespaces. The
// values are part of the model format (they name trained features).
inline std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed = 0) {
  return hash_mapped_bytes(s, seed, [](unsigned char c) { return c; });
}

// Order-sensitive combination of two hashes.
inline std::uint64_t hash_combine(std::uint64_t a, std::uint64_t b) {
  return mix64(a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2)));
}

// Case class of a word, the coarse shape features and rules branch on.
enum class CaseClass : std::uint8_t {
  kLower,     // "rebuild", "al-"
  kTitle,     // "Moscow", "McDonald", "Al-Sharaa"
  kUpper,     // "OFAC", "U.S."
  kMixed,     // "iPhone", "eBay"
  kDigit,     // starts with a digit: "1996-08-22", "3rd"
  kOther,     // punctuation and symbols
};

// Appends the lowercase form of UTF-8 text s to *out. Invalid bytes are
// copied unchanged.
void append_lower(std::string* out, std::string_view s);

// Appends s with its first code point in upper case and the rest in
// lower case ("SÃO" -> "São", "N'DJAMENA" -> "N'djamena").
void append_capitalised(std::string* out, std::string_view s);

// Appends the word shape of s to *out: uppercase letters become 'X',
// lowercase 'x', digits 'd', other ASCII bytes themselves and other code
// points 'o'; runs of one shape character are collapsed to at most two.
void append_shape(std::string* out, std::string_view s);

CaseClass case_class(std::string_view s);

// True when s has at least one letter and no lowercase letter.
bool is_all_caps(std::string_view s);

// True when the first code point of s is an uppercase letter.
bool starts_upper(std::string_view s);

// Byte length of the first n code points of s (all of s if shorter).
std::size_t utf8_prefix_bytes(std::string_view s, std::size_t n);

// Byte offset where the last n code points of s begin (0 if s is shorter).
std::size_t utf8_suffix_start(std::string_view s, std::size_t n);

// Number of code points in s.
std::size_t utf8_length(std::string_view s);

}  // namespace newsdex::ner
