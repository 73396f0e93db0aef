// TEMPORARY STUB: replaced by the real implementation.
#include "newsdex/dates.h"
namespace newsdex {
std::optional<UnixTime> parse_date(std::string_view) { return std::nullopt; }
std::optional<FoundDate> find_date(std::string_view) { return std::nullopt; }
}  // namespace newsdex
