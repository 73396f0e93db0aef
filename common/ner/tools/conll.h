// CoNLL-2003 files for the tagger's trainer and evaluator: reading
// documents with gold tags, and conlleval-compatible scoring, overall and
// on the "unseen" entities (whose surface form is not an entity of the
// training data).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_set>
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

// Surface forms of entities: their tokens joined by single spaces, case
// kept ("Hamburger SV").
using SurfaceSet = std::unordered_set<std::string>;

// Adds the surface form of every gold entity of d (any type) to *out.
void add_gold_surfaces(const ConllDocument& d, SurfaceSet* out);

// Accumulates counts the way conlleval does: an entity is correct when its
// span and type both match; accuracy is over every token's full tag.
class ConllScore {
 public:
  // With `seen`, only entities whose surface form is NOT in *seen count,
  // gold and predicted alike: the scores on unseen names. *seen must
  // outlive the score.
  explicit ConllScore(const SurfaceSet* seen = nullptr) : seen_(seen) {}

  void add(const ConllDocument& d, const std::vector<std::uint8_t>& predicted);
  void add_correct_tokens(std::size_t n);  // e.g. -DOCSTART- lines
  // Adds the counts of another score (folds of a cross-validation).
  void merge(const ConllScore& other);

  double f1() const;          // overall
  double f1(int type) const;  // REQUIRES: 0 <= type < kNumTypes
  std::size_t gold() const { return gold_[4]; }

  // Prints conlleval's report: totals line, one line per type, then
  // "accuracy: ...; precision: ...; recall: ...; FB1: ..." last. With
  // `label`, the last line starts "label: precision: ..." instead and
  // has no accuracy (which means nothing for a subset of entities).
  void print(std::FILE* out, const char* label = nullptr) const;

 private:
  const SurfaceSet* seen_;
  std::size_t tokens_ = 0, correct_tags_ = 0;
  std::size_t found_[5] = {}, gold_[5] = {}, correct_[5] = {};  // per type, [4] = all
};

}  // namespace newsdex::ner
