#include "ner_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "ner_text.h"
#include "ner_binary.h"

namespace newsdex::ner {
namespace {

// Feature templates. The numbers are part of the model format: changing
// one invalidates trained weights. kPrev2 (the tag two tokens back) is no
// longer used (Viterbi decoding looks one tag back), nor are kPrevLower
// and kPrevShape (the previous tag with the word's lowercase form and
// shape: no better in cross-validation, and 34 lookups a token).
enum Template : std::uint64_t {
  kBias = 1, kWord, kLower, kShape, kPrefix1, kPrefix2, kPrefix3, kSuffix1, kSuffix2,
  kSuffix3, kSuffix4, kLowerM1, kLowerP1, kLowerM2, kLowerP2, kBigramM1, kBigramP1,
  kShapeM1, kShapeP1, kShapeBigramM1, kShapeBigramP1, kFirst, kCapsLower, kCapsClass,
  kGaz, kGazM1, kGazP1, kDocCase, kHyphenFirst, kHyphenLast, kPrev, kPrev2, kPrevLower,
  kPrevShape, kHistory, kLowerM1P1, kCluster, kClusterM1, kClusterP1,
};

// Bit-string prefix lengths of the cluster features (Ratinov & Roth 2009).
constexpr int kClusterPrefixes[] = {4, 6, 10, 20};
constexpr std::uint64_t kNoCluster = 1;  // the cluster "value" of a word not in the table

struct GroupName {
  std::uint32_t bit;
  const char* name;
};
constexpr GroupName kGroupNames[] = {
    {kFeatClusters, "clusters"},
    {kFeatClusterWindow, "cluster-window"},
};

inline std::uint64_t feat(Template t, std::uint64_t value) {
  return hash_combine(mix64(static_cast<std::uint64_t>(t) * 0x9e3779b97f4a7c15ULL + 0x1f), value) | 1;
}

constexpr std::uint64_t kBoundary = 0x2545f4914f6cdd1dULL;  // hash of "no token here"
constexpr std::uint64_t kSeedLower = 11, kSeedWord = WordClusters::kKeySeed, kSeedShape = 13, kSeedAffix = 14;

const char* const kTypeNames[kNumTypes] = {"PER", "LOC", "ORG", "MISC"};

// Per-token hashes of the features of one scored token.
struct TokenHashes {
  std::uint64_t word;
  std::array<std::uint64_t, 3> prefix;   // of 1, 2, 3 characters; 0 when unused or the word is too short
  std::array<std::uint64_t, 4> suffix;   // of 1 to 4 characters, the same
  std::uint64_t hyphen_first, hyphen_last;  // 0 without a hyphen
};

// Digits 1-9 become 0, so numbers share features.
inline char fold_digit(char c) { return c >= '1' && c <= '9' ? '0' : c; }

void fold_digits(char* begin, char* end) {
  for (; begin != end; ++begin) *begin = fold_digit(*begin);
}

// The hashes of a token whose digit-folded lowercase form is lv and whose
// word hash (WordClusters::key()) is word.
void token_hashes(std::uint64_t word, std::string_view lv, TokenHashes* h) {
  h->word = word;
  // Affixes of 2-3 (prefixes) and 2-4 (suffixes) characters: single
  // characters did worse in cross-validation.
  std::size_t len = utf8_length(lv);
  h->prefix[0] = 0;
  for (std::size_t k = 1; k < 3; ++k)
    h->prefix[k] = len > k + 1 ? hash_bytes(lv.substr(0, utf8_prefix_bytes(lv, k + 1)), kSeedAffix + k) : 0;
  h->suffix[0] = 0;
  for (std::size_t k = 1; k < 4; ++k)
    h->suffix[k] = len > k + 1 ? hash_bytes(lv.substr(utf8_suffix_start(lv, k + 1)), kSeedAffix + 8 + k) : 0;
  auto dash = lv.find('-');
  if (dash != std::string_view::npos && dash > 0 && dash + 1 < lv.size()) {
    h->hyphen_first = hash_bytes(lv.substr(0, dash), kSeedAffix + 20);
    h->hyphen_last = hash_bytes(lv.substr(lv.rfind('-') + 1), kSeedAffix + 21);
  } else {
    h->hyphen_first = h->hyphen_last = 0;
  }
}

// token_forms() for a token of ASCII bytes only, in one pass over them.
// Returns false, changing nothing, when w has a byte of 0x80 or more.
bool ascii_token_forms(std::string_view w, std::string* folded, TokenForms* out) {
  for (char c : w)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  static const std::uint64_t kStartPlain = hash_start(0), kStartLower = hash_start(kSeedLower),
                             kStartShape = hash_start(kSeedShape), kStartWord = hash_start(kSeedWord);
  std::uint64_t hp = kStartPlain, hl = kStartLower, hs = kStartShape, hw = kStartWord;
  const std::size_t at = folded->size();
  folded->resize(at + w.size());
  char* const out_chars = &(*folded)[at];
  bool first_upper = false, first_lower = false, first_digit = false, later_upper = false, later_lower = false;
  char last_shape = 0;
  int run = 0;
  std::size_t shape_len = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    const char c = w[k];
    const bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
    if (k == 0) {
      first_upper = up;
      first_lower = low;
      first_digit = digit;
    } else {
      later_upper |= up;
      later_lower |= low;
    }
    const char lc = up ? static_cast<char>(c + 32) : c;
    const char fc = fold_digit(lc);
    hp = hash_step(hp, static_cast<unsigned char>(lc));
    hl = hash_step(hl, static_cast<unsigned char>(fc));
    hw = hash_step(hw, static_cast<unsigned char>(fold_digit(c)));
    out_chars[k] = fc;
    // The shape, as append_shape() writes it: runs cut at two.
    const char sc = up ? 'X' : low ? 'x' : digit ? 'd' : c;
    if (sc == last_shape) {
      if (++run > 2) continue;
    } else {
      last_shape = sc;
      run = 1;
    }
    hs = hash_step(hs, static_cast<unsigned char>(sc));
    ++shape_len;
  }
  // case_class()'s rules.
  CaseClass cc;
  if (w.empty()) cc = CaseClass::kOther;
  else if (first_digit) cc = CaseClass::kDigit;
  else if (first_upper) cc = later_lower ? CaseClass::kTitle : CaseClass::kUpper;
  else if (first_lower) cc = later_upper ? CaseClass::kMixed : CaseClass::kLower;
  else if (later_upper) cc = later_lower ? CaseClass::kTitle : CaseClass::kUpper;
  else cc = later_lower ? CaseClass::kLower : CaseClass::kOther;
  out->case_class = cc;
  out->plain = hash_end(hp, w.size());
  out->lower = hash_end(hl, w.size());
  out->shape = hash_end(hs, shape_len);
  out->word = hash_end(hw, w.size());
  return true;
}

// The sums of a token's rows: 16 int32 lanes in two vectors (GCC and
// Clang vector extensions: a few SIMD instructions on any target).
typedef std::int16_t I16x8 __attribute__((vector_size(16)));
typedef std::int32_t I32x8 __attribute__((vector_size(32)));
static_assert(kNumTags - 1 == 16, "a row is two vectors of 8");
struct RowSum {
  I32x8 lo{}, hi{};
};
inline void add_row(const std::int16_t* row, RowSum* sum) {
  I16x8 a, b;
  std::memcpy(&a, row, sizeof a);
  std::memcpy(&b, row + 8, sizeof b);
  sum->lo += __builtin_convertvector(a, I32x8);
  sum->hi += __builtin_convertvector(b, I32x8);
}

bool contains(const std::vector<std::uint64_t>& sorted, std::uint64_t key) {
  return std::binary_search(sorted.begin(), sorted.end(), key);
}

}  // namespace

void token_forms(std::string_view w, std::string* folded, TokenForms* out) {
  if (ascii_token_forms(w, folded, out)) return;
  std::size_t at = folded->size();
  out->case_class = case_class(w);
  append_lower(folded, w);
  out->plain = hash_bytes(std::string_view(*folded).substr(at));
  fold_digits(&(*folded)[0] + at, &(*folded)[0] + folded->size());
  out->lower = hash_bytes(std::string_view(*folded).substr(at), kSeedLower);
  std::string shape;
  append_shape(&shape, w);
  out->shape = hash_bytes(shape, kSeedShape);
  out->word = WordClusters::key(w);
}

const char* feature_group_name(std::uint32_t bit) {
  for (const auto& g : kGroupNames)
    if (g.bit == bit) return g.name;
  return nullptr;
}

std::uint32_t feature_group_bit(std::string_view name) {
  for (const auto& g : kGroupNames)
    if (name == g.name) return g.bit;
  return 0;
}

const char* type_name(int type) { return kTypeNames[type]; }

int type_from_name(std::string_view name) {
  for (int t = 0; t < kNumTypes; ++t)
    if (name == kTypeNames[t]) return t;
  return -1;
}

void analyse_document(const Document& doc, const FeatureConfig& config, DocFeatures* out) {
  const Gazetteer& gazetteer = *config.gazetteer;
  const std::size_t n = doc.tokens.size();
  out->feats.clear();
  out->offsets.clear();
  out->lower.resize(n);
  out->plain.resize(n);
  out->shape.resize(n);
  out->case_cls.resize(n);
  out->trivial.assign(n, 0);
  std::string& folded = out->folded;
  folded.clear();
  folded.reserve(doc.norm.size() + n);
  std::vector<std::uint32_t>& fold_off = out->fold_off;
  fold_off.resize(n + 1);
  std::vector<std::uint64_t>& word_keys = out->word_keys;
  word_keys.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    fold_off[i] = static_cast<std::uint32_t>(folded.size());
    TokenForms forms;
    token_forms(doc.text(i), &folded, &forms);
    out->case_cls[i] = static_cast<std::uint8_t>(forms.case_class);
    out->plain[i] = forms.plain;
    out->lower[i] = forms.lower;
    out->shape[i] = forms.shape;
    word_keys[i] = forms.word;
  }
  fold_off[n] = static_cast<std::uint32_t>(folded.size());
  // Each token's word cluster: its own form's, else (for capitals, as in
  // an all-caps headline) that of its title-case form, else that of its
  // lowercase form; -1 for none.
  const bool want_clusters = (config.groups & (kFeatClusters | kFeatClusterWindow)) && config.clusters &&
                             !config.clusters->empty();
  std::vector<std::int32_t>& cluster = out->cluster;
  cluster.assign(want_clusters ? n : 0, -1);
  if (want_clusters) {
    const WordClusters& wc = *config.clusters;
    // Every slot fetched ahead, then the lookups.
    for (std::size_t i = 0; i < n; ++i) wc.prefetch(word_keys[i]);
    std::string form;
    for (std::size_t i = 0; i < n; ++i) {
      auto w = doc.text(i);
      int c = wc.find(word_keys[i]);
      auto cc = static_cast<CaseClass>(out->case_cls[i]);
      if (c < 0 && (cc == CaseClass::kUpper || cc == CaseClass::kTitle || cc == CaseClass::kMixed)) {
        auto lower = std::string_view(folded).substr(fold_off[i], fold_off[i + 1] - fold_off[i]);
        std::size_t head = utf8_prefix_bytes(w, 1);
        form.assign(w.substr(0, head));
        form.append(lower.substr(std::min(utf8_prefix_bytes(lower, 1), lower.size())));
        c = wc.find(WordClusters::key(form));
        if (c < 0) c = wc.find(WordClusters::key(lower));
      }
      cluster[i] = c;
    }
  }
  // Trivial tokens: lowercase/digit/punctuation with such neighbours.
  auto plain_class = [&](std::size_t i) {
    auto cc = static_cast<CaseClass>(out->case_cls[i]);
    return cc == CaseClass::kLower || cc == CaseClass::kOther || cc == CaseClass::kDigit;
  };
  for (const auto& sent : doc.sentences)
    for (std::uint32_t i = sent.first; i < sent.last; ++i)
      out->trivial[i] = plain_class(i) && (i == sent.first || plain_class(i - 1)) &&
                        (i + 1 == sent.last || plain_class(i + 1));

  // Gazetteer matches begin at capitalised words, as names do.
  std::vector<std::uint8_t>& capitalised = out->scratch_flags;
  capitalised.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto cc = static_cast<CaseClass>(out->case_cls[i]);
    capitalised[i] = cc == CaseClass::kTitle || cc == CaseClass::kUpper || cc == CaseClass::kMixed;
  }
  gazetteer.match(doc, out->plain, capitalised, &out->gaz);

  // Document-level evidence: has this word been seen in lowercase, or
  // capitalised away from a sentence start?
  std::vector<std::uint64_t>& seen_lower = out->seen_lower;
  std::vector<std::uint64_t>& seen_title = out->seen_title;
  seen_lower.clear();
  seen_title.clear();
  out->first_word.assign(n, 0);
  std::vector<std::uint8_t>& caps_sentence = out->caps_sentence;
  caps_sentence.assign(n, 0);
  for (const auto& sent : doc.sentences) {
    std::uint32_t first = sent.first;
    while (first < sent.last && static_cast<CaseClass>(out->case_cls[first]) == CaseClass::kOther)
      ++first;
    if (first < sent.last) out->first_word[first] = 1;
    int upper = 0, other = 0;
    for (std::uint32_t i = sent.first; i < sent.last; ++i) {
      auto cc = static_cast<CaseClass>(out->case_cls[i]);
      if (cc == CaseClass::kUpper) ++upper;
      if (cc == CaseClass::kLower || cc == CaseClass::kTitle || cc == CaseClass::kMixed) ++other;
    }
    bool caps = upper > 0 && other == 0;
    for (std::uint32_t i = sent.first; i < sent.last; ++i) {
      caps_sentence[i] = caps;
      auto cc = static_cast<CaseClass>(out->case_cls[i]);
      if (cc == CaseClass::kLower) seen_lower.push_back(out->plain[i]);
      if (cc == CaseClass::kTitle && i != first) seen_title.push_back(out->plain[i]);
    }
  }
  for (auto* seen : {&seen_lower, &seen_title}) {
    std::sort(seen->begin(), seen->end());
    seen->erase(std::unique(seen->begin(), seen->end()), seen->end());
  }
}

void static_features(const Document& doc, const FeatureConfig& config, const DocFeatures& f,
                     std::size_t first_sentence, std::size_t last_sentence, std::vector<std::uint64_t>* feats,
                     std::vector<std::uint32_t>* offsets) {
  feats->clear();
  offsets->clear();
  if (first_sentence >= last_sentence) {
    offsets->push_back(0);
    return;
  }
  const std::uint32_t base = doc.sentences[first_sentence].first;
  const std::uint32_t end = doc.sentences[last_sentence - 1].last;
  offsets->assign(end - base + 1, 0);
  const bool want_clusters = !f.cluster.empty();
  const auto* gz = f.gaz.codes.data();
  const auto* gg = f.gaz.groups.data();
  std::string_view folded(f.folded);
  TokenHashes h;
  auto& out = *feats;
  for (std::size_t s = first_sentence; s < last_sentence; ++s) {
    const Sentence& sent = doc.sentences[s];
    for (std::uint32_t i = sent.first; i < sent.last; ++i) {
      (*offsets)[i - base] = static_cast<std::uint32_t>(out.size());
      if (f.trivial[i]) continue;
      token_hashes(f.word_keys[i], folded.substr(f.fold_off[i], f.fold_off[i + 1] - f.fold_off[i]), &h);
      std::uint64_t cc = f.case_cls[i];
      std::uint64_t lm1 = i > sent.first ? f.lower[i - 1] : kBoundary;
      std::uint64_t lm2 = i > sent.first + 1 ? f.lower[i - 2] : kBoundary;
      std::uint64_t lp1 = i + 1 < sent.last ? f.lower[i + 1] : kBoundary;
      std::uint64_t lp2 = i + 2 < sent.last ? f.lower[i + 2] : kBoundary;
      std::uint64_t sm1 = i > sent.first ? f.shape[i - 1] : kBoundary;
      std::uint64_t sp1 = i + 1 < sent.last ? f.shape[i + 1] : kBoundary;
      out.push_back(feat(kBias, 0));
      out.push_back(feat(kWord, h.word));
      out.push_back(feat(kLower, f.lower[i]));
      out.push_back(feat(kShape, f.shape[i]));
      for (std::size_t k = 0; k < 3; ++k)
        if (h.prefix[k]) out.push_back(feat(static_cast<Template>(kPrefix1 + k), h.prefix[k]));
      for (std::size_t k = 0; k < 4; ++k)
        if (h.suffix[k]) out.push_back(feat(static_cast<Template>(kSuffix1 + k), h.suffix[k]));
      out.push_back(feat(kLowerM1, lm1));
      out.push_back(feat(kLowerP1, lp1));
      out.push_back(feat(kLowerM2, lm2));
      out.push_back(feat(kLowerP2, lp2));
      out.push_back(feat(kBigramM1, hash_combine(lm1, f.lower[i])));
      out.push_back(feat(kBigramP1, hash_combine(f.lower[i], lp1)));
      out.push_back(feat(kLowerM1P1, hash_combine(lm1, lp1)));
      out.push_back(feat(kShapeM1, sm1));
      out.push_back(feat(kShapeP1, sp1));
      out.push_back(feat(kShapeBigramM1, hash_combine(sm1, f.shape[i])));
      out.push_back(feat(kShapeBigramP1, hash_combine(f.shape[i], sp1)));
      out.push_back(feat(kFirst, f.first_word[i] * 8 + cc));
      if (f.caps_sentence[i]) {
        out.push_back(feat(kCapsLower, f.lower[i]));
        out.push_back(feat(kCapsClass, cc));
      }
      // Gazetteer matches of the token and its neighbours, by group.
      for (std::uint32_t m = gg[i]; m; m &= m - 1) {
        auto g = static_cast<std::uint64_t>(__builtin_ctz(m));
        out.push_back(feat(kGaz, (g * 8u + gz[i * kGazetteerGroups + g]) * 8u + cc));
      }
      if (i > sent.first)
        for (std::uint32_t m = gg[i - 1]; m; m &= m - 1) {
          auto g = static_cast<std::uint64_t>(__builtin_ctz(m));
          out.push_back(feat(kGazM1, g * 8u + gz[(i - 1) * kGazetteerGroups + g]));
        }
      if (i + 1 < sent.last)
        for (std::uint32_t m = gg[i + 1]; m; m &= m - 1) {
          auto g = static_cast<std::uint64_t>(__builtin_ctz(m));
          out.push_back(feat(kGazP1, g * 8u + gz[(i + 1) * kGazetteerGroups + g]));
        }
      if (cc == static_cast<std::uint64_t>(CaseClass::kTitle) ||
          cc == static_cast<std::uint64_t>(CaseClass::kUpper)) {
        std::uint64_t lowered = contains(f.seen_lower, f.plain[i]);
        std::uint64_t titled = contains(f.seen_title, f.plain[i]);
        out.push_back(feat(kDocCase, cc * 16 + f.caps_sentence[i] * 4 + lowered * 2 + titled));
      }
      if (h.hyphen_first) {
        out.push_back(feat(kHyphenFirst, h.hyphen_first));
        out.push_back(feat(kHyphenLast, h.hyphen_last));
      }
      if (want_clusters) {
        const WordClusters& wc = *config.clusters;
        auto add_prefixes = [&](Template t, int c) {
          if (c < 0) {
            out.push_back(feat(t, kNoCluster));
            return;
          }
          for (int len : kClusterPrefixes) out.push_back(feat(t, wc.prefix(c, len)));
        };
        if (config.groups & kFeatClusters) add_prefixes(kCluster, f.cluster[i]);
        if (config.groups & kFeatClusterWindow) {
          add_prefixes(kClusterM1, i > sent.first ? f.cluster[i - 1] : -1);
          add_prefixes(kClusterP1, i + 1 < sent.last ? f.cluster[i + 1] : -1);
        }
      }
    }
  }
  (*offsets)[end - base] = static_cast<std::uint32_t>(out.size());
  // Trivial tokens own an empty range ending where the next token starts.
  for (std::size_t i = end - base; i-- > 0;)
    if (f.trivial[base + i]) (*offsets)[i] = (*offsets)[i + 1];
}

void compute_features(const Document& doc, const FeatureConfig& config, DocFeatures* out) {
  analyse_document(doc, config, out);
  std::vector<std::uint64_t> feats;
  std::vector<std::uint32_t> offsets;
  static_features(doc, config, *out, 0, doc.sentences.size(), &feats, &offsets);
  out->feats = std::move(feats);
  out->offsets = std::move(offsets);
}

std::uint64_t transition_feature(int prev) { return feat(kPrev, static_cast<std::uint64_t>(prev)); }

std::uint64_t history_feature(const DocFeatures& f, std::size_t i, const History& history) {
  auto cc = static_cast<CaseClass>(f.case_cls[i]);
  if (cc != CaseClass::kTitle && cc != CaseClass::kUpper) return 0;
  int type = history.get(f.plain[i]);
  if (type < 0) return 0;
  return feat(kHistory, static_cast<std::uint64_t>(type * 8 + f.case_cls[i]));
}

void segment_margins(const float (*trans)[kNumTags], std::uint32_t a, std::uint32_t b, const std::uint8_t* tags,
                     DecodeScratch* scratch, float* margins) {
  const std::size_t n = b - a;
  scratch->beta.resize(n * kNumTags);
  float* beta = scratch->beta.data();
  const float* delta = scratch->delta.data();
  const float* local = scratch->local.data();
  // beta[k][p]: the best score of the tags after position k given tag p
  // there (the segment's end needs no more).
  for (int t = 0; t < kNumTags; ++t) beta[(n - 1) * kNumTags + t] = 0;
  for (std::size_t k = n - 1; k-- > 0;) {
    const bool last = k + 2 == n;
    float next[kNumTags];
    for (int t = 0; t < kNumTags; ++t) next[t] = local[(k + 1) * kNumTags + t] + beta[(k + 1) * kNumTags + t];
    for (int p = 0; p < kNumTags; ++p) {
      float best = kViterbiNone;
      for (std::uint32_t m = allowed_tags(p, last); m; m &= m - 1) {
        const int t = __builtin_ctz(m);
        best = std::max(best, trans[p][t] + next[t]);
      }
      beta[k * kNumTags + p] = best;
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    const int chosen = tags[a + k];
    float other = kViterbiNone;
    for (int t = 0; t < kNumTags; ++t) {
      const float d = delta[k * kNumTags + t];
      if (t == chosen || d <= kViterbiNone / 2 || beta[k * kNumTags + t] <= kViterbiNone / 2) continue;
      other = std::max(other, d + beta[k * kNumTags + t]);
    }
    const float mine = delta[k * kNumTags + chosen] + beta[k * kNumTags + chosen];
    margins[a + k] = other <= kViterbiNone / 2 ? std::numeric_limits<float>::infinity() : mine - other;
  }
}

void tag_document(const Model& model, const FeatureConfig& config, const Document& doc,
                  const DocFeatures& f, std::vector<std::uint8_t>* tags) {
  tag_document(model, config, doc, f, tags, nullptr);
}

void tag_document(const Model& model, const FeatureConfig& config, const Document& doc,
                  const DocFeatures& f, std::vector<std::uint8_t>* tags, std::vector<float>* margins) {
  if (margins) margins->assign(doc.tokens.size(), std::numeric_limits<float>::infinity());
  tags->assign(doc.tokens.size(), kTagO);
  History history;
  history.reset(doc.tokens.size());
  DecodeScratch scratch;
  auto ignore = [](const Sentence&, const std::uint8_t*) {};
  // A block of sentences (about kBlockTokens tokens, whose features stay
  // in cache) at a time: its static features are made and summed at once,
  // the lookups of many tokens overlapping, and the block decoded; then
  // its features and scores are dropped, so memory does not grow with
  // them.
  constexpr std::uint32_t kBlockTokens = 1024;
  std::vector<float> scores;
  std::vector<std::uint64_t> feats;
  std::vector<std::uint32_t> offsets;
  for (std::size_t s = 0; s < doc.sentences.size();) {
    std::size_t e = s + 1;
    while (e < doc.sentences.size() && doc.sentences[e].last - doc.sentences[s].first <= kBlockTokens) ++e;
    static_features(doc, config, f, s, e, &feats, &offsets);
    const std::uint32_t base = doc.sentences[s].first;
    scores.assign(static_cast<std::size_t>(doc.sentences[e - 1].last - base) * kNumTags, 0.0f);
    model.static_scores(feats.data(), offsets.data(), offsets.size() - 1, scores.data());
    viterbi_decode_sentences(model, doc, f, s, e, tags->data(), &history, &scratch, ignore, scores.data(), base,
                             margins ? margins->data() : nullptr);
    s = e;
  }
}

void Model::static_scores(const std::uint64_t* feats, const std::uint32_t* offsets, std::size_t n,
                          float* out) const {
  const std::size_t total = offsets[n];
  // Each lookup waits on memory three times (filter, key, row), so they
  // are done in two passes over blocks of features that let many be in
  // flight at once: first the filter, without branches, then the table
  // for the features it lets through, with the slots of those kAhead
  // further on already fetched.
  constexpr std::size_t kBlock = 1024, kAhead = 8;
  std::uint32_t candidates[kBlock];
  const std::size_t mask = keys_.size() - 1;
  RowSum sum;
  std::size_t token = 0;  // the token whose features are being summed
  bool open = false;      // sum holds some of its features
  auto flush = [&] {
    float* o = out + token * kNumTags;
    for (int t = 0; t < 8; ++t) {
      o[1 + t] = static_cast<float>(sum.lo[t]) * scale_;
      o[9 + t] = static_cast<float>(sum.hi[t]) * scale_;
    }
    sum = RowSum{};
  };
  for (std::size_t start = 0; start < total; start += kBlock) {
    const std::size_t end = std::min(total, start + kBlock);
    std::size_t m = 0;
    for (std::size_t k = start; k < end; ++k) {
      std::uint64_t bit = (feats[k] >> kFilterShift) & filter_mask_;
      candidates[m] = static_cast<std::uint32_t>(k);
      m += (filter_[bit >> 6] >> (bit & 63)) & 1;
    }
    for (std::size_t j = 0; j < m; ++j) {
      if (j + kAhead < m) {
        std::size_t home = feats[candidates[j + kAhead]] & mask;
        __builtin_prefetch(&keys_[home]);
        __builtin_prefetch(&rows_[home]);
      }
      const std::uint32_t k = candidates[j];
      if (offsets[token + 1] <= k) {
        if (open) flush();
        while (offsets[token + 1] <= k) ++token;
      }
      open = true;
      const std::uint64_t key = feats[k];
      for (std::size_t i = key & mask;; i = (i + 1) & mask) {
        if (keys_[i] == key) {
          add_row(rows_[i].w, &sum);
          break;
        }
        if (keys_[i] == 0) break;
      }
    }
  }
  if (open) flush();
}

namespace {

constexpr char kMagic[8] = {'N', 'D', 'X', 'N', 'E', 'R', '0', '2'};
constexpr char kTrailer[4] = {'E', 'N', 'D', '!'};
// Quantised weights lie in [-kMaxWeight, kMaxWeight], so that the
// difference of two (a weight relative to O) fits 16 bits.
constexpr int kMaxWeight = 16383;

using binary::get;
using binary::put;

}  // namespace

// Format (little-endian): magic "NDXNER02", u32 tag count, u32 feature
// groups, the word clusters (WordClusters::encode; an empty table when
// there are none), u32 feature count, f32 scale; per feature: u64 key, u8
// n, n x (u8 tag, i16 weight / scale); trailer "END!".
std::string encode_model(const ModelHeader& header, const std::vector<std::uint64_t>& keys,
                         const std::vector<float>& weights, float prune, std::size_t* written) {
  float max_abs = 0;
  for (float w : weights) max_abs = std::max(max_abs, std::fabs(w));
  float scale = max_abs > 0 ? max_abs / static_cast<float>(kMaxWeight) : 1.0f;
  std::string body;
  std::uint32_t count = 0;
  for (std::size_t r = 0; r < keys.size(); ++r) {
    const float* w = &weights[r * kNumTags];
    std::uint8_t nz = 0;
    for (int t = 0; t < kNumTags; ++t)
      if (std::fabs(w[t]) >= prune && std::lround(w[t] / scale) != 0) ++nz;
    if (nz == 0) continue;
    put(&body, keys[r]);
    put(&body, nz);
    for (int t = 0; t < kNumTags; ++t) {
      if (std::fabs(w[t]) < prune) continue;
      auto q = static_cast<std::int16_t>(std::lround(w[t] / scale));
      if (q == 0) continue;
      put(&body, static_cast<std::uint8_t>(t));
      put(&body, q);
    }
    ++count;
  }
  std::string out(kMagic, sizeof kMagic);
  put(&out, static_cast<std::uint32_t>(kNumTags));
  put(&out, header.groups);
  if (header.clusters) header.clusters->encode(&out);
  else WordClusters().encode(&out);
  put(&out, count);
  put(&out, scale);
  out += body;
  out.append(kTrailer, sizeof kTrailer);
  *written = count;
  return out;
}

std::size_t write_model(const std::string& path, const ModelHeader& header,
                        const std::vector<std::uint64_t>& keys, const std::vector<float>& weights,
                        float prune) {
  std::size_t written = 0;
  std::string data = encode_model(header, keys, weights, prune, &written);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
  return written;
}

void Model::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    decode(data);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": corrupt model (" + e.what() + ")");
  }
}

void Model::decode(const std::string& data) {
  if (data.size() < sizeof kMagic + 12 + sizeof kTrailer ||
      std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    throw std::runtime_error("not a newsdex NER model");
  if (std::memcmp(data.data() + data.size() - sizeof kTrailer, kTrailer, sizeof kTrailer) != 0)
    throw std::runtime_error("truncated");
  std::size_t pos = sizeof kMagic;
  if (get<std::uint32_t>(data, &pos) != kNumTags) throw std::runtime_error("wrong tag count");
  auto groups = get<std::uint32_t>(data, &pos);
  if (groups & ~kAllFeatureGroups) throw std::runtime_error("unknown feature groups");
  WordClusters clusters;
  clusters.decode(data, &pos);
  auto count = get<std::uint32_t>(data, &pos);
  auto scale = get<float>(data, &pos);
  if (count > data.size()) throw std::runtime_error("truncated");
  std::uint64_t transition_keys[kNumTags];
  for (int p = 0; p < kNumTags; ++p) transition_keys[p] = transition_feature(p);
  std::vector<std::uint64_t> keys;
  std::vector<Row> rows;
  float transitions[kNumTags][kNumTags] = {};
  for (std::uint32_t r = 0; r < count; ++r) {
    auto key = get<std::uint64_t>(data, &pos);
    if (key == 0) throw std::runtime_error("zero feature key");
    auto nz = get<std::uint8_t>(data, &pos);
    std::int32_t q[kNumTags] = {};
    for (std::uint8_t k = 0; k < nz; ++k) {
      auto t = get<std::uint8_t>(data, &pos);
      auto v = get<std::int16_t>(data, &pos);
      if (t >= kNumTags) throw std::runtime_error("bad tag index");
      if (v < -kMaxWeight || v > kMaxWeight) throw std::runtime_error("weight out of range");
      q[t] = v;
    }
    const auto* tr = std::find(transition_keys, transition_keys + kNumTags, key);
    if (tr != transition_keys + kNumTags) {
      for (int t = 0; t < kNumTags; ++t) transitions[tr - transition_keys][t] = static_cast<float>(q[t]) * scale;
      continue;
    }
    Row row;
    for (int t = 1; t < kNumTags; ++t) row.w[t - 1] = static_cast<std::int16_t>(q[t] - q[kTagO]);
    keys.push_back(key);
    rows.push_back(row);
  }
  if (pos + sizeof kTrailer != data.size()) throw std::runtime_error("trailing bytes");
  // Load factor at most 3/4: present keys are mostly found at the first
  // probe, and the filter answers for most absent ones.
  std::size_t cap = 16;
  while (cap * 3 < keys.size() * 4) cap *= 2;
  keys_.assign(cap, 0);
  rows_.assign(cap, Row{});
  // About 16 filter bits per key: roughly one unknown key in 16 passes it.
  std::size_t filter_bits = 64;
  while (filter_bits < keys.size() * 16) filter_bits *= 2;
  filter_.assign(filter_bits / 64, 0);
  filter_mask_ = filter_bits - 1;
  const std::size_t mask = cap - 1;
  for (std::size_t r = 0; r < keys.size(); ++r) {
    std::size_t i = keys[r] & mask;
    while (keys_[i] != 0 && keys_[i] != keys[r]) i = (i + 1) & mask;
    keys_[i] = keys[r];
    rows_[i] = rows[r];  // a repeated key keeps its last row
    std::uint64_t bit = (keys[r] >> kFilterShift) & filter_mask_;
    filter_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  }
  std::memcpy(transitions_, transitions, sizeof transitions_);
  scale_ = scale;
  count_ = count;
  groups_ = groups;
  clusters_ = std::move(clusters);
}

// ---- History ----

void History::reset(std::size_t capacity) {
  std::size_t cap = 16;
  while (cap < capacity * 2) cap *= 2;
  keys_.assign(cap, 0);
  types_.assign(cap, -1);
}

int History::get(std::uint64_t key) const {
  key |= 1;
  std::size_t mask = keys_.size() - 1;
  for (std::size_t i = key & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) return types_[i];
    if (keys_[i] == 0) return -1;
  }
}

void History::set(std::uint64_t key, int type) {
  key |= 1;
  std::size_t mask = keys_.size() - 1;
  for (std::size_t i = key & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key || keys_[i] == 0) {
      keys_[i] = key;
      types_[i] = static_cast<std::int8_t>(type);
      return;
    }
  }
}

void tags_to_spans(const Document& doc, const std::vector<std::uint8_t>& tags,
                   std::vector<Span>* spans) {
  spans->clear();
  for (const auto& sent : doc.sentences) {
    int open_type = -1;
    std::uint32_t start = 0;
    for (std::uint32_t i = sent.first; i < sent.last; ++i) {
      int tag = tags[i];
      int type = tag == kTagO ? -1 : tag_type(tag);
      int pos = tag == kTagO ? -1 : tag_pos(tag);
      bool continues = type >= 0 && type == open_type && (pos == kPosI || pos == kPosL);
      if (!continues) {
        if (open_type >= 0) spans->push_back({start, i, open_type});
        open_type = type;
        start = i;
      }
      if (type >= 0 && (pos == kPosL || pos == kPosU)) {
        spans->push_back({start, i + 1, type});
        open_type = -1;
      }
    }
    if (open_type >= 0) spans->push_back({start, sent.last, open_type});
  }
}

}  // namespace newsdex::ner
