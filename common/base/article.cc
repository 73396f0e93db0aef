#include "newsdex/article.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iterator>

#include "newsdex/text.h"

namespace newsdex {

namespace {

// Indexed by EntityType.
constexpr std::string_view kEntityTypeNames[] = {"person", "place", "org", "misc"};
static_assert(std::size(kEntityTypeNames) == std::size(kEntityTypes), "one name per entity type");

}  // namespace

std::string_view name_of(EntityType type) { return kEntityTypeNames[static_cast<std::size_t>(type)]; }

std::optional<EntityType> entity_type_named(std::string_view name) {
  for (EntityType t : kEntityTypes) {
    if (name_of(t) == name) return t;
  }
  return std::nullopt;
}

std::vector<Entity> with_given_entities(std::vector<Entity> extracted, const std::vector<Entity>& given) {
  for (const Entity& g : given) {
    const std::string key = ascii_lower(g.name);
    const bool found = std::any_of(extracted.begin(), extracted.end(), [&](const Entity& e) {
      return e.type == g.type && ascii_lower(e.name) == key;
    });
    if (!found) extracted.push_back(g);
  }
  std::stable_sort(extracted.begin(), extracted.end(),
                   [](const Entity& a, const Entity& b) { return a.type < b.type; });
  return extracted;
}

std::string format_iso8601(UnixTime t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  // Not strftime's %Y, which writes year 999 as "999".
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace newsdex
