// Fuzzes query parsing and search: parse_query against a small in-memory
// index (built once with make_document), then Enquire and a Highlighter
// snippet of each hit. A QueryError is a fine answer; any other exception
// is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "newsdex/document.h"
#include "newsdex/query.h"
#include "newsdex/snippet.h"

namespace {

Xapian::Database make_index() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  struct Row {
    const char* id;
    const char* title;
    const char* body;
    const char* author;
    newsdex::UnixTime date;
  } rows[] = {
      {"a1", "Russia keeps Tartus naval base", "Sanctions on Syria’s ports. Ḥmeimim air base and Tartus.",
       "Lina Haddad", 1760486400},
      {"a2", "Cocoa prices rise", "Cocoa and wheat shipments from Ivory Coast rose 12.5% in March.",
       "Market desk", 543283200},
      {"a3", "Oil & gas", "OPEC cut oil output; gas prices <fell> \"sharply\" in al-Sharaa’s statement.",
       "", 0},
  };
  for (const Row& r : rows) {
    newsdex::Article a;
    a.id = r.id;
    a.path = std::string("/corpus/") + r.id + ".txt";
    a.title = r.title;
    a.body = r.body;
    a.author = r.author;
    a.source = "Fuzz Wire";
    if (r.date != 0) a.date = r.date;
    a.entities = {{newsdex::EntityType::person, "Vladimir Putin", 2}, {newsdex::EntityType::place, "Tartus", 3}, {newsdex::EntityType::org, "OPEC", 1}};
    db.replace_document(newsdex::id_term(a.id), newsdex::make_document(a));
  }
  db.commit();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Xapian::Database db = make_index();
  const std::string text(reinterpret_cast<const char*>(data), size);
  newsdex::ParsedQuery parsed;
  try {
    parsed = newsdex::parse_query(text, newsdex::QueryOptions{});
  } catch (const newsdex::QueryError&) {
    return 0;
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed.query);
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  const newsdex::Highlighter highlighter(parsed, db);
  const newsdex::HighlightStyle style{"<b>", "</b>", true};
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const newsdex::Article a = newsdex::article_from_data(it.get_document().get_data());
    highlighter.snippet(a.body, style, newsdex::SnippetOptions{});
    highlighter.highlight(a.title, style);
  }
  return 0;
}
