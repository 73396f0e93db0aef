// The entity tagger: BILOU tags over four types, hashed features of each
// token, a perceptron weight table, and Viterbi decoding shared by
// training and inference.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ner_clusters.h"
#include "ner_document.h"
#include "ner_gazetteer.h"
#include "ner_text.h"

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

// What the tagger reads of one token's text.
struct TokenForms {
  CaseClass case_class;
  std::uint64_t plain;  // hash_bytes() of the lowercase form: the gazetteer's key
  std::uint64_t lower;  // the same, digits 1-9 read as 0, seed 11
  std::uint64_t shape;  // hash_bytes() of append_shape()'s shape, seed 13
  std::uint64_t word;   // WordClusters::key(): the form as written, digits as 0
};

// Fills *out for token w and appends its lowercase form, digits 1-9 as 0,
// to *folded. ASCII tokens take a one-pass path with the same results.
void token_forms(std::string_view w, std::string* folded, TokenForms* out);

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

// What the features of a document are made from besides the document.
// The referenced objects must outlive the calls that take it.
struct FeatureConfig {
  const Gazetteer* gazetteer = nullptr;     // required
  const WordClusters* clusters = nullptr;   // required when groups has cluster features
  std::uint32_t groups = kAllFeatureGroups;  // FeatureGroup bits
};

// Tag-independent evidence about every token of one document (its
// analysis), and the tokens' static features when the caller asks for
// them all (compute_features()).
struct DocFeatures {
  std::vector<std::uint64_t> feats;     // token i: feats[offsets[i], offsets[i+1])
  std::vector<std::uint32_t> offsets;   // empty after analyse_document() alone
  std::vector<std::uint64_t> lower;     // hash of the digit-folded lowercase form
  std::vector<std::uint64_t> plain;     // hash of the lowercase form (gazetteer key)
  std::vector<std::uint64_t> shape;     // hash of the word shape
  std::vector<std::uint64_t> word_keys;  // WordClusters::key() of each token
  std::vector<std::uint8_t> case_cls;   // CaseClass
  std::vector<std::uint8_t> caps_sentence;  // 1: the token's sentence has capitals and no lowercase
  std::vector<std::uint8_t> first_word;     // 1: the first word of its sentence
  // Tokens that are lowercase, digits or punctuation between two such
  // tokens: tagged O without scoring.
  std::vector<std::uint8_t> trivial;
  GazetteerMatches gaz;
  std::vector<std::int32_t> cluster;    // word cluster of each token, -1 if none (empty without cluster features)
  std::string folded;                   // digit-folded lowercase forms: token i's is
  std::vector<std::uint32_t> fold_off;  //   folded[fold_off[i], fold_off[i+1])
  std::vector<std::uint64_t> seen_lower;  // sorted plain hashes of the words seen lowercase
  std::vector<std::uint64_t> seen_title;  // ... seen capitalised away from a sentence start
  std::vector<std::uint8_t> scratch_flags;
};

// Fills the analysis in *out for doc (everything but feats and offsets).
// The gazetteer, clusters and groups must be the ones the model was
// trained with (for clusters and groups: Model::config()).
void analyse_document(const Document& doc, const FeatureConfig& config, DocFeatures* out);

// Replaces *feats and *offsets with the static features of the tokens of
// sentences [first_sentence, last_sentence) of doc, whose analysis is f
// (made with the same config): token i's are (*feats)[(*offsets)[i - b],
// (*offsets)[i - b + 1]), b = doc.sentences[first_sentence].first. A
// trivial token has none.
void static_features(const Document& doc, const FeatureConfig& config, const DocFeatures& f,
                     std::size_t first_sentence, std::size_t last_sentence, std::vector<std::uint64_t>* feats,
                     std::vector<std::uint32_t>* offsets);

// analyse_document(), then every token's static features into out->feats
// and out->offsets: the trainer's view of a document.
void compute_features(const Document& doc, const FeatureConfig& config, DocFeatures* out);

// The feature of a tag that follows the tag prev (kTagO at the start of
// a segment): its weights are the transition scores from prev.
std::uint64_t transition_feature(int prev);

// The feature of token i that says which type the same word (a
// capitalised one) was last given in the earlier sentences of the
// document, or 0 when there is none.
class History;
std::uint64_t history_feature(const DocFeatures& f, std::size_t i, const History& history);

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
// with, its word clusters, the transition weights, and the weights of
// every token feature (feature hash -> 16 int16 relative to O, times a
// scale).
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

  // Adds the weights of token feature `key` to scores[0..kNumTags),
  // relative to O: each tag's weight minus O's (so O gets nothing), which
  // changes the score of every tag sequence of a document by the same
  // amount. An unknown key (always 0) adds nothing. Not for transition
  // features: see add_transition().
  void add(std::uint64_t key, float* scores) const {
    if (const std::int16_t* row = find(key))
      for (int t = 1; t < kNumTags; ++t) scores[t] += static_cast<float>(row[t - 1]) * scale_;
  }
  // Adds the weights of transition_feature(prev) to scores[0..kNumTags).
  // REQUIRES: 0 <= prev < kNumTags.
  void add_transition(int prev, float* scores) const {
    for (int t = 0; t < kNumTags; ++t) scores[t] += transitions_[prev][t];
  }
  std::size_t size() const { return count_; }

  // For each token i of n, the sum of the weights of its static features
  // feats[offsets[i] .. offsets[i+1]), relative to O as add() gives them,
  // into out[i*kNumTags + 1 ..]: the scores viterbi_decode() starts from.
  // Summed in integers, so the order does not matter. Rows of tokens
  // without a known feature are left as they are (the caller zeroes them).
  void static_scores(const std::uint64_t* feats, const std::uint32_t* offsets, std::size_t n,
                     float* out) const;

 private:
  // A token feature's 16-bit weights for tags 1..16, relative to O.
  struct alignas(32) Row {
    std::int16_t w[kNumTags - 1];
  };
  // The row of a token feature, or nullptr.
  const std::int16_t* find(std::uint64_t key) const {
    // Most features of a text are unknown: a small bit filter, which stays
    // in cache, answers for most of them without touching the table.
    std::uint64_t bit = (key >> kFilterShift) & filter_mask_;
    if (!((filter_[bit >> 6] >> (bit & 63)) & 1)) return nullptr;
    std::size_t mask = keys_.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
      if (keys_[i] == key) return rows_[i].w;
      if (keys_[i] == 0) return nullptr;
    }
  }
  // The filter is indexed by high key bits, independent of the low bits
  // that place a key in keys_.
  static constexpr int kFilterShift = 32;
  std::vector<std::uint64_t> keys_{0};  // open addressing; 0: empty
  std::vector<Row> rows_{Row{}};        // rows_[i] belongs to keys_[i]
  float scale_ = 1.0f;
  float transitions_[kNumTags][kNumTags] = {};
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
// dropped and the rest quantised to 15 bits (so that a difference of two
// fits 16 bits). keys[i] owns weights[i*kNumTags ..]. *written receives
// the number of features kept.
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

// Adds the weights of the token features feats[0..n) to
// scores[0..kNumTags), in that order (the order fixes float sums); unknown
// features add nothing. Weights: anything with `void add(uint64_t key,
// float* scores) const` and `void add_transition(int prev, float* scores)
// const`, such as Model.
template <class Weights>
inline void add_feature_weights(const Weights& weights, const std::uint64_t* feats, std::size_t n,
                                float* scores) {
  for (std::size_t k = 0; k < n; ++k) weights.add(feats[k], scores);
}

// One step of viterbi_decode(): for each tag t, the best of prev[p] +
// trans[p][t] over the tags p that t may follow (tag_allowed(p, t, last)),
// into delta[t], and that p into back[t] (the lowest p of equal scores);
// delta[t] = kViterbiNone where no p may be followed by t. prev[p] <=
// kViterbiNone marks p unreachable.
constexpr float kViterbiNone = -1e30f;
inline void viterbi_step(const float* prev, const float (*trans)[kNumTags], bool last, float* delta,
                         std::uint8_t* back) {
  // Closed tags (O, L, U) may be followed by O, B or U; an open B-x or I-x
  // only by I-x or L-x. Unreachable tags stay at about kViterbiNone, which
  // no sum with a finite transition beats.
  static constexpr int kClosed[1 + 2 * kNumTypes] = {kTagO,
                                                     make_tag(0, kPosL), make_tag(0, kPosU),
                                                     make_tag(1, kPosL), make_tag(1, kPosU),
                                                     make_tag(2, kPosL), make_tag(2, kPosU),
                                                     make_tag(3, kPosL), make_tag(3, kPosU)};
  auto best_of_closed = [&](int t) {
    float best = kViterbiNone;
    int arg = kTagO;
    for (int c : kClosed) {
      float v = prev[c] + trans[c][t];
      if (v > best) {
        best = v;
        arg = c;
      }
    }
    delta[t] = best;
    back[t] = static_cast<std::uint8_t>(arg);
  };
  best_of_closed(kTagO);
  for (int x = 0; x < kNumTypes; ++x) {
    const int b = make_tag(x, kPosB), i = make_tag(x, kPosI), l = make_tag(x, kPosL), u = make_tag(x, kPosU);
    best_of_closed(u);
    for (int t : {i, l}) {
      float vb = prev[b] + trans[b][t], vi = prev[i] + trans[i][t];
      bool from_i = vi > vb;
      float best = from_i ? vi : vb;
      delta[t] = best > kViterbiNone ? best : kViterbiNone;
      back[t] = static_cast<std::uint8_t>(from_i ? i : b);
    }
    if (last) {
      delta[b] = delta[i] = kViterbiNone;  // an entity must close
    } else {
      best_of_closed(b);
    }
  }
}

// Working memory of viterbi_decode(), reused across documents.
struct DecodeScratch {
  std::vector<float> delta;        // per token of a segment, kNumTags best path scores
  std::vector<std::uint8_t> back;  // per token of a segment, kNumTags best previous tags
  std::vector<float> local;        // per token of a segment, kNumTags scores (margins only)
  std::vector<float> beta;         // per token of a segment, kNumTags best continuations (margins only)
};

// The margins of the tags of segment [a, b) that Viterbi decoding chose:
// for each token, the score of the best tag sequence (which gives it
// tags[i]) minus the best score of a sequence that gives it another tag.
// A max-marginal: 0 where two readings tie, large where the model is
// sure. scratch->delta must hold the segment's forward scores and
// scratch->local its token scores; writes margins[i] for i in [a, b).
void segment_margins(const float (*trans)[kNumTags], std::uint32_t a, std::uint32_t b, const std::uint8_t* tags,
                     DecodeScratch* scratch, float* margins);

// Viterbi decoding over BILOU tags with `weights` (as for
// add_feature_weights()) of the sentences [first_sentence, last_sentence)
// of doc, one at a time: the tag sequence of highest score (the static
// features of each token, its history_feature() and the transition from
// the tag before) among those that are well formed (tag_allowed()).
// Tokens marked trivial are tagged O and split a sentence into segments,
// each decoded on its own from a kTagO start. Writes tags[i] for the
// sentences' tokens. Calls on_sentence(sentence, tags) after each sentence
// -- the trainer updates weights there -- before the sentence's tags enter
// *history (which holds what the document's earlier sentences said).
// static_scores, when not null, holds Model::static_scores() of the tokens
// from static_base on (token i's row at (i - static_base) * kNumTags),
// computed with these same weights: it replaces the summing of static
// features (f.feats), with the same tags. It must be null when
// on_sentence changes the weights. margins, when not null, receives
// segment_margins() of the tokens of every segment given an entity tag
// (margins[i] for token i; other tokens' are left as they are).
template <class Weights, class OnSentence>
void viterbi_decode_sentences(const Weights& weights, const Document& doc, const DocFeatures& f,
                              std::size_t first_sentence, std::size_t last_sentence, std::uint8_t* tags,
                              History* history, DecodeScratch* scratch, OnSentence&& on_sentence,
                              const float* static_scores = nullptr, std::uint32_t static_base = 0,
                              float* margins = nullptr) {
  constexpr float kNone = kViterbiNone;
  // trans[p][t]: the score of tag t after tag p. Read once when the
  // weights stay fixed, else again for each sentence.
  float trans[kNumTags][kNumTags];
  auto read_transitions = [&] {
    for (int p = 0; p < kNumTags; ++p) {
      for (int t = 0; t < kNumTags; ++t) trans[p][t] = 0;
      weights.add_transition(p, trans[p]);
    }
  };
  if (static_scores) read_transitions();
  for (std::size_t s = first_sentence; s < last_sentence; ++s) {
    const Sentence& sent = doc.sentences[s];
    if (!static_scores) read_transitions();
    for (std::uint32_t a = sent.first; a < sent.last;) {
      if (f.trivial[a]) {
        tags[a++] = kTagO;
        continue;
      }
      std::uint32_t b = a + 1;
      while (b < sent.last && !f.trivial[b]) ++b;
      // Segment [a, b): forward pass.
      scratch->delta.resize(static_cast<std::size_t>(b - a) * kNumTags);
      scratch->back.resize(static_cast<std::size_t>(b - a) * kNumTags);
      if (margins) scratch->local.resize(static_cast<std::size_t>(b - a) * kNumTags);
      for (std::uint32_t i = a; i < b; ++i) {
        float local[kNumTags] = {};
        if (static_scores) {
          const float* st = static_scores + static_cast<std::size_t>(i - static_base) * kNumTags;
          for (int t = 0; t < kNumTags; ++t) local[t] = st[t];
        } else {
          add_feature_weights(weights, f.feats.data() + f.offsets[i], f.offsets[i + 1] - f.offsets[i], local);
        }
        if (std::uint64_t h = history_feature(f, i, *history)) add_feature_weights(weights, &h, 1, local);
        if (margins) std::copy(local, local + kNumTags, &scratch->local[static_cast<std::size_t>(i - a) * kNumTags]);
        float* delta = &scratch->delta[static_cast<std::size_t>(i - a) * kNumTags];
        std::uint8_t* back = &scratch->back[static_cast<std::size_t>(i - a) * kNumTags];
        const bool last = i + 1 == b;
        if (i == a) {
          for (int t = 0; t < kNumTags; ++t) delta[t] = kNone;
          for (std::uint32_t m = allowed_tags(kTagO, last); m; m &= m - 1) {
            int t = __builtin_ctz(m);
            delta[t] = trans[kTagO][t] + local[t];
            back[t] = kTagO;
          }
          continue;
        }
        viterbi_step(delta - kNumTags, trans, last, delta, back);
        for (int t = 0; t < kNumTags; ++t)
          if (delta[t] > kNone) delta[t] += local[t];
      }
      // Backward pass from the best closing tag.
      const float* delta = &scratch->delta[static_cast<std::size_t>(b - 1 - a) * kNumTags];
      int best = kTagO;
      for (int t = 0; t < kNumTags; ++t)
        if (delta[t] > delta[best]) best = t;
      bool entity = false;
      for (std::uint32_t i = b; i-- > a;) {
        tags[i] = static_cast<std::uint8_t>(best);
        entity = entity || best != kTagO;
        best = scratch->back[static_cast<std::size_t>(i - a) * kNumTags + static_cast<std::size_t>(best)];
      }
      if (margins && entity) segment_margins(trans, a, b, tags, scratch, margins);
      a = b;
    }
    on_sentence(sent, tags);
    for (std::uint32_t i = sent.first; i < sent.last; ++i)
      if (tags[i] != kTagO && (f.case_cls[i] == 1 || f.case_cls[i] == 2))
        history->set(f.plain[i], tag_type(tags[i]));
  }
}

// viterbi_decode_sentences() of every sentence of doc, from an empty
// history, into *tags (one a token).
template <class Weights, class OnSentence>
void viterbi_decode(const Weights& weights, const Document& doc, const DocFeatures& f,
                    std::vector<std::uint8_t>* tags, History* history, DecodeScratch* scratch,
                    OnSentence&& on_sentence) {
  tags->assign(doc.tokens.size(), kTagO);
  history->reset(doc.tokens.size());
  viterbi_decode_sentences(weights, doc, f, 0, doc.sentences.size(), tags->data(), history, scratch,
                           on_sentence);
}

// Tags doc with a trained model (Viterbi decoding). config must be
// model.config(gazetteer) for the model's gazetteer and f hold
// analyse_document(doc, config) (or compute_features(): its feats are
// not read). Static features are made and scored a block of sentences at
// a time, so that memory does not grow with them.
void tag_document(const Model& model, const FeatureConfig& config, const Document& doc,
                  const DocFeatures& f, std::vector<std::uint8_t>* tags);
// The same, and each token's segment_margins() into *margins (+infinity
// for a token outside every segment given an entity tag).
void tag_document(const Model& model, const FeatureConfig& config, const Document& doc,
                  const DocFeatures& f, std::vector<std::uint8_t>* tags, std::vector<float>* margins);

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
