// The entity tagger: BILOU tags over four types, hashed features, a
// perceptron weight table, and greedy left-to-right decoding shared by
// training and inference.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ner_document.h"
#include "ner_gazetteer.h"

namespace newsdex::ner {

constexpr int kNumTypes = 4;  // PER, LOC, ORG, MISC
constexpr int kNumTags = 1 + 4 * kNumTypes;
constexpr int kTagO = 0;
enum TagPos { kPosB = 0, kPosI = 1, kPosL = 2, kPosU = 3 };

inline int make_tag(int type, int pos) { return 1 + 4 * type + pos; }
inline int tag_type(int tag) { return (tag - 1) / 4; }  // REQUIRES: tag != kTagO
inline int tag_pos(int tag) { return (tag - 1) % 4; }   // REQUIRES: tag != kTagO
const char* type_name(int type);                        // "PER", "LOC", "ORG", "MISC"
int type_from_name(std::string_view name);              // -1 if unknown

// Tag-independent features of every token of one document.
struct DocFeatures {
  std::vector<std::uint64_t> feats;     // token i: feats[offsets[i], offsets[i+1])
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint64_t> lower;     // hash of the digit-folded lowercase form
  std::vector<std::uint64_t> plain;     // hash of the lowercase form (gazetteer key)
  std::vector<std::uint64_t> shape;     // hash of the word shape
  std::vector<std::uint8_t> case_cls;   // CaseClass
  // Tokens that are lowercase, digits or punctuation between two such
  // tokens: tagged O without scoring unless an entity is open.
  std::vector<std::uint8_t> trivial;
  GazetteerMatches gaz;
  std::string scratch;
};

// Fills *out for doc. gazetteer must be the one the model was trained with.
void compute_features(const Document& doc, const Gazetteer& gazetteer, DocFeatures* out);

// Features that depend on the previous tags and on the types already given
// to the same word earlier in the document. Writes at most
// kMaxDynamicFeatures to out; returns the count.
constexpr int kMaxDynamicFeatures = 5;
int dynamic_features(const DocFeatures& f, std::size_t i, int prev, int prev2, int history_type,
                     std::uint64_t* out);

// Tags that may follow `prev` (kTagO at a sentence start); when `last`,
// the tag must also close any entity.
bool tag_allowed(int prev, int tag, bool last);

// Averaged-perceptron weights for inference: feature hash -> kNumTags floats.
class Model {
 public:
  // Reads the binary model written by ModelWriter. Throws
  // std::runtime_error describing what is wrong with the file.
  void load(const std::string& path);

  // The weights of a feature, kNumTags floats, or nullptr when unknown.
  const float* find(std::uint64_t key) const {
    std::size_t mask = keys_.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
      std::uint64_t k = keys_[i];
      if (k == key) return &weights_[static_cast<std::size_t>(index_[i]) * kNumTags];
      if (k == 0) return nullptr;
    }
  }
  std::size_t size() const { return count_; }

  // Builds the table from (key, weights) rows; used by load() and tests.
  void assign(const std::vector<std::uint64_t>& keys, const std::vector<float>& weights);

 private:
  std::vector<std::uint64_t> keys_{0};
  std::vector<std::uint32_t> index_{0};
  std::vector<float> weights_;
  std::size_t count_ = 0;
};

// Writes a model file: weights below `prune` in absolute value are dropped
// and the rest quantised to 16 bits. keys[i] owns weights[i*kNumTags ..].
// Returns the number of features written. Throws std::runtime_error.
std::size_t write_model(const std::string& path, const std::vector<std::uint64_t>& keys,
                        const std::vector<float>& weights, float prune);

// Per-document map from a word to the type last given to it.
class History {
 public:
  void reset(std::size_t capacity);
  int get(std::uint64_t key) const;  // -1 if none
  void set(std::uint64_t key, int type);

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<std::int8_t> types_;
};

// Greedy BILOU decoding of doc with `weights` (anything with
// `const float* find(uint64_t) const`). For each scored token calls
// on_token(i, static_feats, n_static, dynamic_feats, n_dynamic, predicted)
// -- the trainer updates weights there -- and stores the predicted tags in *tags.
template <class Weights, class OnToken>
void greedy_decode(const Weights& weights, const Document& doc, const DocFeatures& f,
                   std::vector<std::uint8_t>* tags, History* history, OnToken&& on_token) {
  tags->assign(doc.tokens.size(), kTagO);
  history->reset(doc.tokens.size());
  for (const auto& sent : doc.sentences) {
    int prev = kTagO, prev2 = kTagO;
    for (std::uint32_t i = sent.first; i < sent.last; ++i) {
      bool open = prev != kTagO && (tag_pos(prev) == kPosB || tag_pos(prev) == kPosI);
      int best = kTagO;
      if (!f.trivial[i] || open) {
        float scores[kNumTags] = {};
        const std::uint64_t* st = f.feats.data() + f.offsets[i];
        std::size_t nst = f.offsets[i + 1] - f.offsets[i];
        for (std::size_t k = 0; k < nst; ++k)
          if (const float* w = weights.find(st[k]))
            for (int t = 0; t < kNumTags; ++t) scores[t] += w[t];
        std::uint64_t dyn[kMaxDynamicFeatures];
        int cc = f.case_cls[i];
        int hist = (cc == 1 || cc == 2) ? history->get(f.plain[i]) : -1;
        int ndyn = dynamic_features(f, i, prev, prev2, hist, dyn);
        for (int k = 0; k < ndyn; ++k)
          if (const float* w = weights.find(dyn[k]))
            for (int t = 0; t < kNumTags; ++t) scores[t] += w[t];
        bool last = i + 1 == sent.last;
        float best_score = 0;
        best = -1;
        for (int t = 0; t < kNumTags; ++t) {
          if (!tag_allowed(prev, t, last)) continue;
          if (best < 0 || scores[t] > best_score) {
            best = t;
            best_score = scores[t];
          }
        }
        on_token(i, st, nst, dyn, ndyn, best);
      }
      (*tags)[i] = static_cast<std::uint8_t>(best);
      if (best != kTagO && (f.case_cls[i] == 1 || f.case_cls[i] == 2))
        history->set(f.plain[i], tag_type(best));
      prev2 = prev;
      prev = best;
    }
  }
}

// Spans [first, last) with a type, from BILOU tags. Ill-formed sequences
// are repaired the way conlleval reads IOB: an I or L without an open
// entity of its type starts one.
struct Span {
  std::uint32_t first, last;
  int type;
};
void tags_to_spans(const Document& doc, const std::vector<std::uint8_t>& tags,
                   std::vector<Span>* spans);

}  // namespace newsdex::ner
