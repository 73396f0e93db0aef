// The one way newsdex writes JSON (--json, --summary-json, the stored
// article records, --stats --json, --print): UTF-8 throughout, with the
// bytes of a string that are not valid UTF-8 written as U+FFFD (one for
// each maximal ill-formed subpart, see utf8_invalid_length) and control
// characters escaped, so that whatever an archive holds, the output is
// valid JSON and writing it never fails.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace newsdex {

// `value` as JSON text: one line (indent < 0) or indented by `indent`
// spaces. Never throws for a string's bytes.
std::string to_json_text(const nlohmann::ordered_json& value, int indent = -1);

// Appends `s` as a JSON string literal, exactly as to_json_text writes a
// string: '"', '\\' and control characters escaped, other bytes as they
// are, invalid UTF-8 as U+FFFD. For writers that build JSON text without
// a tree (the indexer's stored records).
void append_json_string(std::string& out, std::string_view s);

}  // namespace newsdex
