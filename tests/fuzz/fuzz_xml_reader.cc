// Fuzzes the news XML readers: NewsXmlReader (the choice by root element,
// then the feed, NITF or NewsML-G2 reader), and each reader directly, so
// that a mutated root element still reaches the reader it used to choose.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "newsdex/encoding.h"
#include "newsdex/readers.h"
#include "fuzz_chunks.h"

namespace {

void check(const newsdex::Reader& reader, const char* path, std::string_view bytes) {
  const newsdex::ReadResult r = reader.read(path, bytes);
  fuzz::check_chunked(reader, path, bytes, r);
  for (const newsdex::Article& a : r.articles) {
    if (a.id.empty() || a.path.empty()) std::abort();
    if (!newsdex::is_valid_utf8(a.title) || !newsdex::is_valid_utf8(a.body)) std::abort();
    for (const newsdex::Entity& e : a.raw_entities)
      if (e.name.empty() || !newsdex::is_valid_utf8(e.name)) std::abort();
    // Topics as Article::topics promises them: at most kMaxTopics, each
    // valid UTF-8, non-empty, at most kMaxTopicBytes, on one line.
    if (a.topics.size() > newsdex::kMaxTopics) std::abort();
    for (const std::string& t : a.topics) {
      if (t.empty() || t.size() > newsdex::kMaxTopicBytes || !newsdex::is_valid_utf8(t)) std::abort();
      for (const char c : t)
        if (static_cast<unsigned char>(c) < 0x20) std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const newsdex::NewsXmlReader any;
  static const newsdex::FeedReader feed;
  static const newsdex::NitfReader nitf;
  static const newsdex::NewsmlReader newsml;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check(any, "fuzz.xml", bytes);
  // The first byte picks a reader to run directly as well.
  switch (size == 0 ? 0 : data[0] % 3) {
    case 0: check(feed, "fuzz.rss", bytes); break;
    case 1: check(nitf, "fuzz.nitf", bytes); break;
    default: check(newsml, "fuzz.nml", bytes); break;
  }
  return 0;
}
