#include "newsdex/readers.h"

#include <algorithm>
#include <cctype>

namespace newsdex {

namespace {

std::string lower_extension(const std::string& path) {
  auto slash = path.find_last_of('/');
  auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

std::unique_ptr<Reader> reader_for_path(const std::string& path, const ReaderOptions& options) {
  const std::string ext = lower_extension(path);
  if (ext == "txt" || ext == "text") return std::make_unique<TextReader>(options);
  if (ext == "jsonl" || ext == "ndjson" || ext == "json") return std::make_unique<JsonReader>(options);
  if (ext == "html" || ext == "htm" || ext == "xhtml") return std::make_unique<HtmlReader>(options);
  return nullptr;
}

std::string id_from_path(const std::string& path, std::uint64_t line) {
  std::string id = path;
  while (id.rfind("./", 0) == 0) id.erase(0, 2);
  if (line != 0) id += "#" + std::to_string(line);
  return id;
}

}  // namespace newsdex
