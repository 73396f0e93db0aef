// TEMPORARY STUB: replaced by the real implementation.
#include "newsdex/readers.h"
namespace newsdex {
HtmlReader::HtmlReader(ReaderOptions options) : options_(std::move(options)) {}
ReadResult HtmlReader::read(const std::string& path, std::string_view bytes) const {
  ReadResult r; Article a; a.path = path; a.id = id_from_path(path); a.body = std::string(bytes);
  r.articles.push_back(a); return r;
}
}  // namespace newsdex
