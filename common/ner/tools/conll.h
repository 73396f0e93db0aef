// CoNLL-2003 files for the tagger's trainer and evaluator: reading
// documents with gold tags, and conlleval-compatible scoring.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "ner_document.h"

namespace newsdex::ner {

struct ConllDocument {
  Document doc;
  std::vector<std::string> gold;  // IOB2 tag of each token ("O", "B-PER", ...)
};

// Reads "word POS chunk TAG" lines; "-DOCSTART-" lines separate documents
// and blank lines sentences. *docstarts receives the number of -DOCSTART-
// lines (conlleval counts them as tokens). Throws std::runtime_error.
std::vector<ConllDocument> read_conll(const std::string& path, std::size_t* docstarts);

// Gold BILOU tag indices of a document (see ner_model.h).
std::vector<std::uint8_t> gold_bilou(const ConllDocument& d);

// Accumulates counts the way conlleval does: an entity is correct when its
// span and type both match; accuracy is over every token's full tag.
class ConllScore {
 public:
  void add(const ConllDocument& d, const std::vector<std::uint8_t>& predicted);
  void add_correct_tokens(std::size_t n);  // e.g. -DOCSTART- lines
  double f1() const;
  // Prints conlleval's report: totals line, one line per type, then
  // "accuracy: ...; precision: ...; recall: ...; FB1: ..." last.
  void print(std::FILE* out) const;

 private:
  std::size_t tokens_ = 0, correct_tags_ = 0;
  std::size_t found_[5] = {}, gold_[5] = {}, correct_[5] = {};  // per type, [4] = all
};

}  // namespace newsdex::ner
