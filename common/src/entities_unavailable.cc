// Used only while the entity extractor is not part of the build.
#include "newsdex/entities.h"

namespace newsdex {

std::unique_ptr<EntityExtractor> EntityExtractor::load(const EntityOptions&) {
  throw EntityModelError("entity extraction is not built into this newsdex (use --no-entities)");
}

}  // namespace newsdex
