// newsdex-bench-xapian-baseline: the plain single-threaded Xapian indexer
// the issue "Speed and scale on one machine" compares newsdex with. For each
// JSON Lines record: TermGenerator with the English stemmer, title and body
// indexed with positions, the JSON line as document data, add_document; one
// commit at the end. No entities, no dates, no id terms: the floor of what
// any Xapian indexer of these articles has to pay.
//
// usage: newsdex-bench-xapian-baseline DB JSONL...
// Exit status: 0 indexed, 1 a line did not parse (reported, skipped),
// 2 usage or Xapian error.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

namespace {

// The string at `key`, or "" when absent or not a string.
std::string text_of(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: newsdex-bench-xapian-baseline DB JSONL...\n";
    return 2;
  }
  int status = 0;
  try {
    Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    unsigned long long docs = 0;
    for (int f = 2; f < argc; ++f) {
      std::ifstream in(argv[f], std::ios::binary);
      if (!in) {
        std::cerr << "newsdex-bench-xapian-baseline: cannot read " << argv[f] << '\n';
        return 2;
      }
      std::string line;
      unsigned long long lineno = 0;
      while (std::getline(in, line)) {
        ++lineno;
        if (line.empty()) continue;
        nlohmann::json j;
        try {
          j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
          std::cerr << argv[f] << ':' << lineno << ": " << e.what() << '\n';
          status = 1;
          continue;
        }
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text_of(j, "title"));
        tg.increase_termpos();
        tg.index_text(text_of(j, "body"));
        doc.set_data(line);
        db.add_document(doc);
        ++docs;
      }
    }
    db.commit();
    std::fprintf(stderr, "newsdex-bench-xapian-baseline: %llu documents\n", docs);
  } catch (const Xapian::Error& e) {
    std::cerr << "newsdex-bench-xapian-baseline: " << e.get_description() << '\n';
    return 2;
  }
  return status;
}
