#include "newsdex/schema.h"

#include <cstdlib>

namespace newsdex::schema {

const Field* find_field(std::string_view name) {
  for (const Field& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view prefix_of(std::string_view name) {
  const Field* f = find_field(name);
  if (f == nullptr) std::abort();
  return f->prefix;
}

const EntityField& entity_field(EntityType type) {
  for (const EntityField& f : kEntityFields) {
    if (f.type == type) return f;
  }
  std::abort();  // kEntityFields has every type
}

}  // namespace newsdex::schema
