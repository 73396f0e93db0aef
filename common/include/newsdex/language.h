// The language an article is in: declared by the input where it says so,
// else detected from the text. A language is its ISO 639-1 code ("en",
// "fr", "ru", "zh"...; a three-letter ISO 639 code where there is no
// two-letter one), or "" when it is not known.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// The language of `text` as CLD2 (Google's Compact Language Detector 2)
// detects it from its first few kilobytes, or "" when it cannot tell
// reliably (too little text, mixed languages, tables of figures).
// REQUIRES: text is valid UTF-8.
std::string detect_language(std::string_view text);

// A declared language tag ("en-GB", "fr_FR", "EN", "zh-Hant", " de ") as
// its primary subtag in lower case ("en", "fr", "zh", "de"), or "" when it
// is not a language tag ("x-default", "", "english").
std::string language_of_tag(std::string_view tag);

// A comma-separated list of language tags ("ru", "fr,de", "en-GB, ru")
// as their codes (language_of_tag), each once, in order. Throws
// std::invalid_argument, one line naming the item, when an item is not a
// language tag or the list is empty.
std::vector<std::string> language_list(std::string_view list);

}  // namespace newsdex
