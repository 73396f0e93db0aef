// Fixed-size values in the tagger's binary files (model.bin and the word
// clusters inside it): host byte order, which is little-endian on every
// platform newsdex builds for.
#pragma once

#include <cstring>
#include <stdexcept>
#include <string>

namespace newsdex::ner::binary {

// Appends v's bytes to *out.
template <class T>
void put(std::string* out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out->append(b, sizeof(T));
}

// The T at *pos of in, advancing *pos past it. Throws std::runtime_error
// ("truncated") when in ends before it.
template <class T>
T get(const std::string& in, std::size_t* pos) {
  if (*pos + sizeof(T) > in.size()) throw std::runtime_error("truncated");
  T v;
  std::memcpy(&v, in.data() + *pos, sizeof(T));
  *pos += sizeof(T);
  return v;
}

}  // namespace newsdex::ner::binary
