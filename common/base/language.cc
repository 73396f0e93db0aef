#include "newsdex/language.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>

#include "newsdex/encoding.h"
#include "newsdex/text.h"

#include <algorithm>
#include <stdexcept>

namespace newsdex {

namespace {

// Enough text for CLD2 to be sure of a language, little enough that
// detection costs nothing next to indexing.
constexpr std::size_t kDetectBytes = 4096;

}  // namespace

std::string detect_language(std::string_view text) {
  std::size_t n = std::min(text.size(), kDetectBytes);
  while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  bool reliable = false;
  const CLD2::Language lang = CLD2::DetectLanguage(text.data(), static_cast<int>(n), true, &reliable);
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return {};
  return language_of_tag(CLD2::LanguageCode(lang));
}

std::string language_of_tag(std::string_view tag) {
  tag = trim(tag);
  std::size_t end = 0;
  while (end < tag.size() && ((tag[end] >= 'a' && tag[end] <= 'z') || (tag[end] >= 'A' && tag[end] <= 'Z'))) ++end;
  if (end < 2 || end > 3 || (end < tag.size() && tag[end] != '-' && tag[end] != '_')) return {};
  return ascii_lower(tag.substr(0, end));
}

std::vector<std::string> language_list(std::string_view list) {
  std::vector<std::string> codes;
  for (;;) {
    const std::size_t comma = std::min(list.find(','), list.size());
    const std::string_view item = trim(list.substr(0, comma));
    std::string code = language_of_tag(item);
    if (code.empty()) {
      throw std::invalid_argument("'" + std::string(item) + "' is not a language (an ISO 639-1 code such as en, fr, ru)");
    }
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(std::move(code));
    if (comma == list.size()) break;
    list.remove_prefix(comma + 1);
  }
  return codes;
}

}  // namespace newsdex
