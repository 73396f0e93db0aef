#include "newsdex/facet_record.h"

#include <algorithm>

#include <xxhash.h>

namespace newsdex {

namespace {

enum Flag : std::uint8_t { kHasDay = 1, kHasSource = 2, kHasLanguage = 4 };

template <typename T>
void put(std::string& out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

template <typename T>
T get(const unsigned char* p) {
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<T>(p[i]) << (8 * i);
  return v;
}

}  // namespace

std::uint64_t facet_key(std::string_view value) { return XXH3_64bits(value.data(), value.size()); }

std::string encode_facet_record(const FacetRecord& record) {
  std::string out;
  const std::uint8_t flags = (record.day != 0 ? kHasDay : 0) | (record.has_source ? kHasSource : 0) |
                             (record.has_language ? kHasLanguage : 0);
  out.push_back(static_cast<char>(flags));
  if (flags & kHasDay) put(out, record.day);
  if (flags & kHasSource) put(out, record.source);
  if (flags & kHasLanguage) put(out, record.language);
  for (std::size_t t = 0; t < kEntityFieldCount; ++t) {
    out.push_back(static_cast<char>(std::min<std::size_t>(record.entity_count[t], schema::kFacetValuesPerType)));
  }
  for (std::size_t t = 0; t < kEntityFieldCount; ++t) {
    for (std::size_t i = 0; i < record.entity_count[t] && i < schema::kFacetValuesPerType; ++i) {
      put(out, record.entities[t][i]);
    }
  }
  return out;
}

bool decode_facet_record(std::string_view bytes, FacetRecord& record) {
  record.day = 0;
  record.has_source = record.has_language = false;
  record.entity_count.fill(0);
  if (bytes.empty()) return true;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* const end = p + bytes.size();
  const std::uint8_t flags = *p++;
  const std::size_t fixed = ((flags & kHasDay) ? 4 : 0) + ((flags & kHasSource) ? 8 : 0) +
                            ((flags & kHasLanguage) ? 8 : 0) + kEntityFieldCount;
  if ((flags & ~(kHasDay | kHasSource | kHasLanguage)) != 0 || static_cast<std::size_t>(end - p) < fixed) return false;
  if (flags & kHasDay) record.day = get<std::uint32_t>(p), p += 4;
  if (flags & kHasSource) record.has_source = true, record.source = get<std::uint64_t>(p), p += 8;
  if (flags & kHasLanguage) record.has_language = true, record.language = get<std::uint64_t>(p), p += 8;
  std::size_t keys = 0;
  for (std::size_t t = 0; t < kEntityFieldCount; ++t) {
    record.entity_count[t] = *p++;
    if (record.entity_count[t] > schema::kFacetValuesPerType) return false;
    keys += record.entity_count[t];
  }
  if (static_cast<std::size_t>(end - p) != 8 * keys) return false;
  for (std::size_t t = 0; t < kEntityFieldCount; ++t) {
    for (std::size_t i = 0; i < record.entity_count[t]; ++i, p += 8) record.entities[t][i] = get<std::uint64_t>(p);
  }
  return true;
}

}  // namespace newsdex
