// The entity tagger: BILOU tags over four types, hashed features, a
// perceptron weight table, and greedy left-to-right decoding shared by
// training and inference.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ner_clusters.h"
#include "ner_document.h"
#include "ner_gazetteer.h"

namespace newsdex::ner {

constexpr int kNumTypes = 4;  // PER, LOC, ORG, MISC
constexpr int kNumTags = 1 + 4 * kNumTypes;
constexpr int kTagO = 0;
enum TagPos { kPosB = 0, kPosI = 1, kPosL = 2, kPosU = 3 };

constexpr int make_tag(int type, int pos) { return 1 + 4 * type + pos; }
constexpr int tag_type(int tag) { return (tag - 1) / 4; }  // REQUIRES: tag != kTagO
constexpr int tag_pos(int tag) { return (tag - 1) % 4; }   // REQUIRES: tag != kTagO
const char* type_name(int type);                        // "PER", "LOC", "ORG", "MISC"
int type_from_name(std::string_view name);              // -1 if unknown

// Optional groups of feature templates. A model records the groups it was
// trained with and is always read with the same ones; the trainer can
// leave groups out, to measure what each brings (bench/ner-cv).
enum FeatureGroup : std::uint32_t {
  kFeatClusters = 1u << 0,       // the word's cluster bit-string prefixes
  kFeatClusterWindow = 1u << 1,  // the neighbours' cluster prefixes
};
constexpr std::uint32_t kAllFeatureGroups = kFeatClusters | kFeatClusterWindow;
// The group's name ("clusters"), or nullptr for an unknown bit.
const char* feature_group_name(std::uint32_t bit);
// The bit of a group name, 0 if unknown.
std::uint32_t feature_group_bit(std::string_view name);

// What compute_features() reads besides the document. The referenced
// objects must outlive the call.
struct FeatureConfig {
  const Gazetteer* gazetteer = nullptr;     // required
  const WordClusters* clusters = nullptr;   // required when groups has cluster features
  std::uint32_t groups = kAllFeatureGroups;  // FeatureGroup bits
};

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
  std::vector<std::int32_t> cluster;    // word cluster of each token, -1 if none (empty without cluster features)
  std::string scratch;
};

// Fills *out for doc. The gazetteer, clusters and groups must be the ones
// the model was trained with (for clusters and groups: Model::config()).
void compute_features(const Document& doc, const FeatureConfig& config, DocFeatures* out);

// Features that depend on the previous tags and on the types already given
// to the same word earlier in the document. Writes at most
// kMaxDynamicFeatures to out; returns the count.
constexpr int kMaxDynamicFeatures = 5;
int dynamic_features(const DocFeatures& f, std::size_t i, int prev, int prev2, int history_type,
                     std::uint64_t* out);

// Tags that may follow `prev` (kTagO at a sentence start); when `last`,
// the tag must also close any entity.
constexpr bool tag_allowed(int prev, int tag, bool last) {
  bool open = prev != kTagO && (tag_pos(prev) == kPosB || tag_pos(prev) == kPosI);
  if (open) {
    if (tag == kTagO || tag_type(tag) != tag_type(prev)) return false;
    int p = tag_pos(tag);
    return p == kPosL || (p == kPosI && !last);
  }
  if (tag == kTagO) return true;
  int p = tag_pos(tag);
  return p == kPosU || (p == kPosB && !last);
}

// tag_allowed() as a bit set: bit t of allowed_tags(prev, last) is
// tag_allowed(prev, t, last). REQUIRES: 0 <= prev < kNumTags.
inline std::uint32_t allowed_tags(int prev, bool last) {
  struct Table {
    std::uint32_t mask[kNumTags][2] = {};
    constexpr Table() {
      for (int p = 0; p < kNumTags; ++p)
        for (int l = 0; l < 2; ++l)
          for (int t = 0; t < kNumTags; ++t)
            if (tag_allowed(p, t, l != 0)) mask[p][l] |= 1u << t;
    }
  };
  static constexpr Table kTable;
  return kTable.mask[prev][last ? 1 : 0];
}

// The trained tagger for inference: the feature groups it was trained
// with, its word clusters, and averaged-perceptron weights (feature hash
// -> kNumTags floats).
class Model {
 public:
  // Reads the binary model written by write_model(). Throws
  // std::runtime_error describing what is wrong with the file.
  void load(const std::string& path);
  // The same from the bytes of a model file (encode_model()'s result).
  // Throws std::runtime_error without a path.
  void decode(const std::string& data);

  std::uint32_t groups() const { return groups_; }
  const WordClusters& clusters() const { return clusters_; }
  // The FeatureConfig to compute this model's features with.
  FeatureConfig config(const Gazetteer& gazetteer) const { return {&gazetteer, &clusters_, groups_}; }

  // The weights of a feature, kNumTags floats, or nullptr when unknown
  // (always for key 0, which marks an empty slot). The pointer stays valid
  // until the next load() or assign().
  const float* find(std::uint64_t key) const {
    // Most features of a text are unknown: a small bit filter, which stays
    // in cache, answers for most of them without touching the table.
    std::uint64_t bit = (key >> kFilterShift) & filter_mask_;
    if (!((filter_[bit >> 6] >> (bit & 63)) & 1)) return nullptr;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.key == 0) return nullptr;
      if (s.key == key) return &weights_[static_cast<std::size_t>(s.row) * kNumTags];
    }
  }
  std::size_t size() const { return count_; }

  // Builds the table from (key, weights) rows; used by load() and tests.
  // keys[r] owns weights[r*kNumTags ..]; a repeated key keeps its last row.
  void assign(const std::vector<std::uint64_t>& keys, const std::vector<float>& weights);

  // For each token i of f, the sum of the weights of its static features
  // f.feats[f.offsets[i] .. f.offsets[i+1]), added in that order starting
  // from 0, into (*out)[i*kNumTags ..] -- the scores greedy_decode() would
  // start from. Tokens without static features get zeros.
  void static_scores(const DocFeatures& f, std::vector<float>* out) const;

 private:
  // The filter is indexed by high key bits, independent of the low bits
  // that place a key in slots_.
  static constexpr int kFilterShift = 32;
  struct Slot {
    std::uint64_t key = 0;  // 0: empty
    std::uint32_t row = 0;  // weights_[row*kNumTags ..]
  };
  std::vector<Slot> slots_{Slot{}};
  std::vector<float> weights_;
  std::vector<std::uint64_t> filter_{0};  // bit (key >> kFilterShift) & filter_mask_
  std::uint64_t filter_mask_ = 63;
  std::size_t count_ = 0;
  std::uint32_t groups_ = 0;
  WordClusters clusters_;
};

// What a model file holds besides its weights.
struct ModelHeader {
  std::uint32_t groups = kAllFeatureGroups;  // the FeatureConfig::groups trained with
  const WordClusters* clusters = nullptr;    // the table trained with; null: none
};

// The bytes of a model file: weights below `prune` in absolute value are
// dropped and the rest quantised to 16 bits. keys[i] owns
// weights[i*kNumTags ..]. *written receives the number of features kept.
std::string encode_model(const ModelHeader& header, const std::vector<std::uint64_t>& keys,
                         const std::vector<float>& weights, float prune, std::size_t* written);

// Writes encode_model()'s bytes to path. Returns the number of features
// written. Throws std::runtime_error.
std::size_t write_model(const std::string& path, const ModelHeader& header,
                        const std::vector<std::uint64_t>& keys, const std::vector<float>& weights,
                        float prune);

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

// Adds the weights of feats[0..n) to scores[0..kNumTags), in that order
// (the order fixes the float sums, so every caller gets the same scores);
// unknown features add nothing. Weights: anything with
// `const float* find(uint64_t) const`.
template <class Weights>
inline void add_feature_weights(const Weights& weights, const std::uint64_t* feats, std::size_t n,
                                float* scores) {
  for (std::size_t k = 0; k < n; ++k)
    if (const float* w = weights.find(feats[k]))
      for (int t = 0; t < kNumTags; ++t) scores[t] += w[t];
}

// Greedy BILOU decoding of doc with `weights` (anything with
// `const float* find(uint64_t) const`). For each scored token calls
// on_token(i, static_feats, n_static, dynamic_feats, n_dynamic, predicted)
// -- the trainer updates weights there -- and stores the predicted tags in *tags.
// static_scores, when not null, holds Model::static_scores(f) computed
// with these same weights, and replaces the summing of static features;
// the tags are then the same. It must be null when on_token changes the
// weights.
template <class Weights, class OnToken>
void greedy_decode(const Weights& weights, const Document& doc, const DocFeatures& f,
                   std::vector<std::uint8_t>* tags, History* history, OnToken&& on_token,
                   const float* static_scores = nullptr) {
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
        if (static_scores) {
          const float* s = static_scores + static_cast<std::size_t>(i) * kNumTags;
          for (int t = 0; t < kNumTags; ++t) scores[t] = s[t];
        } else {
          add_feature_weights(weights, st, nst, scores);
        }
        std::uint64_t dyn[kMaxDynamicFeatures];
        int cc = f.case_cls[i];
        int hist = (cc == 1 || cc == 2) ? history->get(f.plain[i]) : -1;
        int ndyn = dynamic_features(f, i, prev, prev2, hist, dyn);
        add_feature_weights(weights, dyn, static_cast<std::size_t>(ndyn), scores);
        std::uint32_t allowed = allowed_tags(prev, i + 1 == sent.last);
        float best_score = 0;
        best = -1;
        for (int t = 0; t < kNumTags; ++t) {
          if (!((allowed >> t) & 1)) continue;
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
