// TEMPORARY STUB: replaced by the real implementation.
#include "newsdex/readers.h"
namespace newsdex {
JsonReader::JsonReader(ReaderOptions options) : options_(std::move(options)) {}
ReadResult JsonReader::read(const std::string&, std::string_view) const { return {}; }
}  // namespace newsdex
