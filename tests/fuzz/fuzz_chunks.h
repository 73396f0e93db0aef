// Readers read their input in chunks (ByteSource): the same bytes must give
// the same articles and problems however they are cut. Shared by the
// reader targets.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <string_view>

#include "newsdex/readers.h"

namespace fuzz {

class Collect final : public newsdex::ArticleSink {
 public:
  bool article(newsdex::Article a) override {
    result.articles.push_back(std::move(a));
    return true;
  }
  void problem(newsdex::Problem p) override { result.problems.push_back(std::move(p)); }
  newsdex::ReadResult result;
};

// Reads `bytes` again in chunks of a size the input picks (1 to 13 bytes)
// and aborts unless the result is `whole`, the result of one read.
inline void check_chunked(const newsdex::Reader& reader, const char* path, std::string_view bytes,
                          const newsdex::ReadResult& whole) {
  newsdex::MemorySource source(bytes, 1 + bytes.size() % 13);
  Collect sink;
  reader.read(path, source, sink);
  const newsdex::ReadResult& r = sink.result;
  if (r.articles.size() != whole.articles.size() || r.problems.size() != whole.problems.size()) std::abort();
  for (std::size_t i = 0; i < r.articles.size(); ++i) {
    const newsdex::Article& a = r.articles[i];
    const newsdex::Article& b = whole.articles[i];
    if (a.id != b.id || a.title != b.title || a.body != b.body || a.line != b.line || a.date != b.date ||
        a.author != b.author || a.source != b.source || a.url != b.url)
      std::abort();
  }
  for (std::size_t i = 0; i < r.problems.size(); ++i) {
    if (r.problems[i].line != whole.problems[i].line || r.problems[i].message != whole.problems[i].message ||
        r.problems[i].failed != whole.problems[i].failed)
      std::abort();
  }
}

}  // namespace fuzz
