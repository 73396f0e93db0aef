// Fuzzes the analyzer: normalize_text and normalize_filter_value on any
// bytes (invalid UTF-8 becomes U+FFFD; not idempotent: "s's'" -> "s's" ->
// "s", harmless since a value is normalised exactly once on each side);
// the Tokenizer on any bytes (it ends, its spans are in order inside the
// text, its words are valid UTF-8 of at most kMaxWordBytes); and term
// generation through make_document on valid UTF-8, checking that no term
// exceeds Xapian's 245-byte limit (a real database would refuse the whole
// document).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "newsdex/document.h"
#include "newsdex/encoding.h"

namespace {

constexpr std::size_t kXapianMaxTermBytes = 245;

// The input split at the first few 0x01 bytes into article fields.
newsdex::Article article_of(const std::string& text) {
  newsdex::Article a;
  std::string* fields[] = {&a.body, &a.title, &a.author, &a.source};
  std::size_t start = 0;
  for (std::string* f : fields) {
    const std::size_t sep = text.find('\x01', start);
    *f = text.substr(start, sep == std::string::npos ? std::string::npos : sep - start);
    if (sep == std::string::npos) break;
    start = sep + 1;
  }
  a.id = a.title.empty() ? std::string("fuzz") : a.title;
  a.path = "fuzz.txt";
  a.entities.push_back({newsdex::EntityType::person, a.title, 1});
  a.entities.push_back({newsdex::EntityType::place, a.author, 1});
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const std::string t = newsdex::normalize_text(raw);
  const std::string f = newsdex::normalize_filter_value(raw);
  if (!newsdex::is_valid_utf8(t) || !newsdex::is_valid_utf8(f)) std::abort();
  newsdex::Tokenizer words(raw);
  std::size_t last_end = 0, count = 0;
  while (words.next()) {
    if (words.begin() < last_end || words.end() < words.begin() || words.end() > raw.size()) std::abort();
    if (words.word().empty() || words.word().size() > newsdex::kMaxWordBytes) std::abort();
    if (!newsdex::is_valid_utf8(words.word()) || ++count > raw.size()) std::abort();
    last_end = words.end();
  }

  const newsdex::Decoded decoded = newsdex::decode_text(raw);
  const Xapian::Document doc = newsdex::make_document(article_of(decoded.text));
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if ((*it).size() > kXapianMaxTermBytes) std::abort();
  }
  return 0;
}
