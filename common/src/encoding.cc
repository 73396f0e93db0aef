// TEMPORARY STUB: replaced by the real implementation.
#include "newsdex/encoding.h"
namespace newsdex {
Decoded decode_text(std::string_view bytes) { return {std::string(bytes), Encoding::utf8}; }
bool is_valid_utf8(std::string_view) { return true; }
}  // namespace newsdex
