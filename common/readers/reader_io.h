// Reading input in bounded pieces, and sizes for messages (private to
// common/: the readers and InputFile).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "newsdex/readers.h"

namespace newsdex {

// A size for messages: "812 bytes", "12 KiB", "50 MiB".
inline std::string human_size(std::uint64_t n) {
  if (n < (std::uint64_t{1} << 10)) return std::to_string(n) + " bytes";
  if (n < (std::uint64_t{1} << 20)) return std::to_string(n >> 10) + " KiB";
  return std::to_string(n >> 20) + " MiB";
}

// Reads `in` into `out` (appending) until `max` bytes are there or the
// input ends. Returns true when the input holds more than `max` bytes (one
// byte beyond them has then been read, and dropped). Lets ReadError through.
inline bool read_prefix(ByteSource& in, std::size_t max, std::string& out) {
  constexpr std::size_t kChunk = std::size_t{1} << 14;
  // Reserved to the size the source expects, and read through a chunk, so
  // that finding the end does not grow `out`.
  if (const std::optional<std::uint64_t> size = in.size())
    out.reserve(out.size() + static_cast<std::size_t>(std::min<std::uint64_t>(*size, max)));
  char chunk[kChunk];
  while (out.size() < max) {
    const std::size_t n = in.read(chunk, std::min(kChunk, max - out.size()));
    if (n == 0) return false;
    out.append(chunk, n);
  }
  char extra;
  return in.read(&extra, 1) != 0;
}

}  // namespace newsdex
