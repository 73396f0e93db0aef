// How an Article becomes a Xapian document and how a stored document
// becomes a result again. Both directions live here so they cannot drift.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/article.h"

namespace newsdex {

// Builds the document for `article`: title (also under the title prefix)
// and body with positions, author and source words under their prefixes,
// entity filter terms, the id term, the file term, the date slot and the
// stored data. Uses default_analyzer(); `tg` is reused between calls for
// speed and must come from Analyzer::make_term_generator().
Xapian::Document make_document(const Article& article, Xapian::TermGenerator& tg);

// `article` as one line of JSON (no newline): every field, the date as ISO
// 8601 or null, entities as [{"type","name","mentions"}]. This is both the
// stored document data and the output of `newsdex-index --print`.
std::string article_to_json(const Article& article);

// The Article stored in a document's data (entities included; body
// included). Missing fields stay empty.
Article article_from_data(const std::string& data);

// The id term of an article id.
std::string id_term(const std::string& id);
// The file term of a source path.
std::string file_term(const std::string& path);
// The filter term of an entity of `type` ("person", "place", "org", "misc").
std::string entity_term(const std::string& type, const std::string& name);

}  // namespace newsdex
