// newsdex-ner-train: trains the entity tagger on CoNLL-2003 and writes the
// shipped model, or cross-validates it on the training set.
// Deterministic: the same inputs give the same bytes.
//
//   newsdex-ner-train --train FILE --gazetteer FILE [--clusters FILE] --out FILE
//                     [--dev FILE] [OPTION...]
//       trains on FILE and writes the model to --out; with --dev, prints
//       the conlleval report of the written model on that file, then the
//       same scores on its "unseen" entities (surface form not an entity
//       of FILE).
//   newsdex-ner-train --train FILE --gazetteer FILE [--clusters FILE] --cv K
//                     [--predictions FILE] [OPTION...]
//       K-fold cross-validation on FILE: the documents are cut into K
//       contiguous folds of about equal size (news of neighbouring dates
//       stay together, as in a held-out set); each fold is tagged by a
//       model trained on the others. Prints the pooled F1 after each
//       epoch, then the pooled conlleval and unseen reports of the last.
//       --predictions FILE writes each held-out token as "word gold
//       predicted" (IOB2), for error analysis.
//
// The model: --runs (default 3) structured perceptrons, each taking the
// documents in its own order (from --seed, default 1), trained for
// --epochs (default 10) passes; the mean of their averaged weights is
// quantised, weights below --prune (default 0.6) dropped. --clusters reads
// newsdex-ner-clusters' table, which the model then carries. To measure
// what features bring, --without GROUP,... leaves out groups of feature
// templates (names in ner_model.cc: clusters, cluster-window) and
// --skip-lists LIST,... gazetteer lists (CLUB, SURNAME, ...; the model
// then has no weights for them, so the shipped gazetteer may keep them).
//
// Exit codes: 0 success, 1 bad input or I/O error, 2 usage error.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "conll.h"
#include "ner_gazetteer.h"
#include "ner_model.h"

namespace ner = newsdex::ner;

namespace {

// Perceptron weights with the averaging trick: the average after c steps is
// w - u / c, where u accumulates step * update.
class TrainWeights {
 public:
  void add(std::uint64_t key, float* scores) const {
    std::size_t i = slot(key);
    if (key == 0 || keys_[i] != key) return;
    const float* w = &w_[static_cast<std::size_t>(index_[i]) * ner::kNumTags];
    for (int t = 0; t < ner::kNumTags; ++t) scores[t] += w[t];
  }
  void add_transition(int prev, float* scores) const { add(ner::transition_feature(prev), scores); }

  void update(std::uint64_t key, int tag, float delta, double step) {
    std::size_t i = slot(key);
    if (keys_[i] != key) {
      if ((count_ + 1) * 2 > keys_.size()) {
        grow();
        i = slot(key);
      }
      keys_[i] = key;
      index_[i] = static_cast<std::uint32_t>(count_++);
      order_.push_back(key);
      w_.resize(count_ * ner::kNumTags, 0.0f);
      u_.resize(count_ * ner::kNumTags, 0.0);
    }
    std::size_t at = static_cast<std::size_t>(index_[i]) * ner::kNumTags + static_cast<std::size_t>(tag);
    w_[at] += delta;
    u_[at] += step * delta;
  }

  // Averaged weights after `steps` steps, rows in insertion order.
  void averaged(double steps, std::vector<std::uint64_t>* keys, std::vector<float>* w) const {
    *keys = order_;
    w->resize(w_.size());
    for (std::size_t r = 0; r < count_; ++r) {
      std::size_t i = slot(order_[r]);
      std::size_t base = static_cast<std::size_t>(index_[i]) * ner::kNumTags;
      for (int t = 0; t < ner::kNumTags; ++t)
        (*w)[r * ner::kNumTags + static_cast<std::size_t>(t)] =
            static_cast<float>(w_[base + static_cast<std::size_t>(t)] - u_[base + static_cast<std::size_t>(t)] / steps);
    }
  }

  std::size_t size() const { return count_; }

 private:
  std::size_t slot(std::uint64_t key) const {
    std::size_t mask = keys_.size() - 1;
    std::size_t i = key & mask;
    while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & mask;
    return i;
  }
  void grow() {
    std::vector<std::uint64_t> old_keys(keys_.size() * 2, 0);
    old_keys.swap(keys_);
    std::vector<std::uint32_t> old_index(index_.size() * 2, 0);
    old_index.swap(index_);
    for (std::size_t j = 0; j < old_keys.size(); ++j)
      if (old_keys[j]) {
        std::size_t i = slot(old_keys[j]);
        keys_[i] = old_keys[j];
        index_[i] = old_index[j];
      }
  }

  std::vector<std::uint64_t> keys_ = std::vector<std::uint64_t>(1 << 16, 0);
  std::vector<std::uint32_t> index_ = std::vector<std::uint32_t>(1 << 16, 0);
  std::vector<std::uint64_t> order_;
  std::vector<float> w_;
  std::vector<double> u_;
  std::size_t count_ = 0;
};

// A CoNLL document with its features, computed once for every epoch and fold.
struct Prepared {
  const ner::ConllDocument* doc;
  ner::DocFeatures feats;
  std::vector<std::uint8_t> gold;
};

struct TrainOptions {
  int epochs = 10;
  int runs = 3;        // perceptrons whose weights are averaged
  unsigned seed = 1;   // of the document order of the first run
  // write_model()'s prune: weights below it go. At 0.6 (an update or two,
  // averaged) a third of the features go, which cross-validation does
  // not notice (91.55 vs 91.58), and the table is smaller and faster.
  float prune = 0.6f;
  std::uint32_t groups = ner::kAllFeatureGroups;
  const ner::WordClusters* clusters = nullptr;
  const ner::Gazetteer* gazetteer = nullptr;  // required
};

// The model as write_model() would ship it: quantised, with the feature
// groups and clusters of the options.
ner::Model shipped_model(const TrainOptions& options, const std::vector<std::uint64_t>& keys,
                         const std::vector<float>& weights) {
  std::size_t written = 0;
  ner::Model model;
  model.decode(ner::encode_model({options.groups, options.clusters}, keys, weights, options.prune, &written));
  return model;
}

// Called after each epoch with the epoch number and the averaged model.
using EpochFn = std::function<void(int epoch, const ner::Model& model)>;

// One averaged structured perceptron, trained a pass at a time.
class Perceptron {
 public:
  explicit Perceptron(unsigned seed) : rng_(seed) {}

  // One pass over docs in an order of its own; returns the number of
  // sentences it decoded wrong, and adds the number seen to *sentences.
  std::size_t pass(const std::vector<Prepared*>& docs, std::size_t* sentences) {
    if (order_.size() != docs.size()) {
      order_.resize(docs.size());
      for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    }
    // Fisher-Yates with the generator's raw output: std::shuffle's
    // distribution is implementation-defined.
    for (std::size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng_() % i]);
    std::size_t errors = 0;
    for (auto d : order_) {
      const Prepared& p = *docs[d];
      const auto& f = p.feats;
      // Where the decoded sentence differs from the gold one, the features
      // of the gold tags gain and those of the decoded tags lose.
      auto update = [&](std::size_t i, int prev, int tag, bool with_static, float delta) {
        if (with_static) {
          for (auto k = f.offsets[i]; k < f.offsets[i + 1]; ++k) w_.update(f.feats[k], tag, delta, step_);
          // The history still holds what came before the sentence.
          if (std::uint64_t h = ner::history_feature(f, i, history_)) w_.update(h, tag, delta, step_);
        }
        w_.update(ner::transition_feature(prev), tag, delta, step_);
      };
      auto learn = [&](const ner::Sentence& s, const std::uint8_t* pred) {
        ++*sentences;
        bool wrong = false;
        for (auto i = s.first; i < s.last; ++i) wrong |= pred[i] != p.gold[i];
        if (wrong) {
          ++errors;
          for (auto i = s.first; i < s.last; ++i) {
            if (f.trivial[i]) continue;
            bool start = i == s.first || f.trivial[i - 1];
            int gold_prev = start ? ner::kTagO : p.gold[i - 1];
            int pred_prev = start ? ner::kTagO : pred[i - 1];
            if (p.gold[i] == pred[i] && gold_prev == pred_prev) continue;
            bool tags_differ = p.gold[i] != pred[i];
            update(i, gold_prev, p.gold[i], tags_differ, 1.0f);
            update(i, pred_prev, pred[i], tags_differ, -1.0f);
          }
        }
        step_ += 1;
      };
      ner::viterbi_decode(w_, p.doc->doc, f, &tags_, &history_, &scratch_, learn);
    }
    return errors;
  }

  void averaged(std::vector<std::uint64_t>* keys, std::vector<float>* weights) const {
    w_.averaged(step_, keys, weights);
  }
  std::size_t size() const { return w_.size(); }

 private:
  TrainWeights w_;
  std::mt19937 rng_;
  double step_ = 1;  // sentences seen, plus one
  std::vector<std::size_t> order_;
  ner::History history_;
  ner::DecodeScratch scratch_;
  std::vector<std::uint8_t> tags_;
};

// The mean of the averaged weights of several perceptrons: keys in the
// order the perceptrons first have them.
void mean_weights(const std::vector<Perceptron>& runs, std::vector<std::uint64_t>* keys,
                  std::vector<float>* weights) {
  keys->clear();
  weights->clear();
  std::unordered_map<std::uint64_t, std::size_t> row;
  std::vector<std::uint64_t> k;
  std::vector<float> w;
  const float share = 1.0f / static_cast<float>(runs.size());
  for (const auto& run : runs) {
    run.averaged(&k, &w);
    for (std::size_t r = 0; r < k.size(); ++r) {
      auto [it, fresh] = row.try_emplace(k[r], keys->size());
      if (fresh) {
        keys->push_back(k[r]);
        weights->resize(weights->size() + ner::kNumTags, 0.0f);
      }
      for (int t = 0; t < ner::kNumTags; ++t)
        (*weights)[it->second * ner::kNumTags + static_cast<std::size_t>(t)] +=
            share * w[r * ner::kNumTags + static_cast<std::size_t>(t)];
    }
  }
}

// Trains options.runs perceptrons on docs (a pointer each, so that folds
// share their features), each seeing the documents in its own order, and
// returns the mean of their averaged weights in *keys / *weights: a
// cheaper model than their ensemble that scores as well. on_epoch may be
// empty.
void train(const TrainOptions& options, const std::vector<Prepared*>& docs, const EpochFn& on_epoch,
           std::vector<std::uint64_t>* keys, std::vector<float>* weights) {
  std::vector<Perceptron> runs;
  for (int r = 0; r < options.runs; ++r) runs.emplace_back(options.seed + 1000u * static_cast<unsigned>(r));
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    auto t0 = std::chrono::steady_clock::now();
    std::size_t errors = 0, sentences = 0, features = 0;
    for (auto& run : runs) {
      errors += run.pass(docs, &sentences);
      features += run.size();
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "epoch %d: %zu/%zu sentences wrong, %zu features, %.1fs\n", epoch, errors,
                 sentences, features, secs);
    if (on_epoch) {
      mean_weights(runs, keys, weights);
      on_epoch(epoch, shipped_model(options, *keys, *weights));
    }
  }
  mean_weights(runs, keys, weights);
}

// Writes "word gold predicted" lines (IOB2, sentences separated by blank
// lines, documents by -DOCSTART-: conlleval's input) for one document.
void write_predictions(const ner::ConllDocument& d, const std::vector<std::uint8_t>& tags, std::FILE* out) {
  std::vector<ner::Span> spans;
  ner::tags_to_spans(d.doc, tags, &spans);
  std::vector<std::string> iob(d.doc.tokens.size(), "O");
  for (const auto& s : spans)
    for (auto i = s.first; i < s.last; ++i)
      iob[i] = std::string(i == s.first ? "B-" : "I-") + ner::type_name(s.type);
  std::fprintf(out, "-DOCSTART- O O\n\n");
  for (const auto& s : d.doc.sentences) {
    for (auto i = s.first; i < s.last; ++i)
      std::fprintf(out, "%.*s %s %s\n", static_cast<int>(d.doc.text(i).size()), d.doc.text(i).data(),
                   d.gold[i].c_str(), iob[i].c_str());
    std::fprintf(out, "\n");
  }
}

// Tags docs with model and adds the result to *all and, when not null,
// *unseen; writes the tags to `predictions` when not null.
void score(const ner::Model& model, const ner::Gazetteer& gazetteer, const std::vector<Prepared*>& docs,
           ner::ConllScore* all,
           ner::ConllScore* unseen, std::FILE* predictions = nullptr) {
  std::vector<std::uint8_t> tags;
  for (auto* p : docs) {
    ner::tag_document(model, model.config(gazetteer), p->doc->doc, p->feats, &tags);
    all->add(*p->doc, tags);
    if (unseen) unseen->add(*p->doc, tags);
    if (predictions) write_predictions(*p->doc, tags, predictions);
  }
}

void print_reports(const ner::ConllScore& all, const ner::ConllScore& unseen) {
  all.print(stdout);
  unseen.print(stdout, "unseen");
}

// K folds of contiguous documents with about equal token counts:
// fold_of[d] for each document.
std::vector<int> contiguous_folds(const std::vector<ner::ConllDocument>& docs, int k) {
  std::size_t total = 0;
  for (const auto& d : docs) total += d.doc.tokens.size();
  std::vector<int> fold_of(docs.size());
  std::size_t before = 0;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    // The fold of a document is that of its first token.
    fold_of[d] = static_cast<int>(before * static_cast<std::size_t>(k) / total);
    before += docs[d].doc.tokens.size();
  }
  return fold_of;
}

int cross_validate(const TrainOptions& options, const std::vector<ner::ConllDocument>& train_set,
                   std::vector<Prepared>& prepared, std::size_t docstarts, int k,
                   const std::string& predictions_path) {
  std::FILE* predictions = nullptr;
  if (!predictions_path.empty() && !(predictions = std::fopen(predictions_path.c_str(), "w")))
    throw std::runtime_error("cannot write " + predictions_path);
  auto fold_of = contiguous_folds(train_set, k);
  std::vector<ner::ConllScore> by_epoch(static_cast<std::size_t>(options.epochs));
  ner::ConllScore all, unseen_all;
  std::vector<ner::SurfaceSet> seen(static_cast<std::size_t>(k));
  for (int f = 0; f < k; ++f) {
    std::vector<Prepared*> in, out;
    auto& fold_seen = seen[static_cast<std::size_t>(f)];
    for (std::size_t d = 0; d < prepared.size(); ++d) {
      if (fold_of[d] == f) {
        out.push_back(&prepared[d]);
      } else {
        in.push_back(&prepared[d]);
        ner::add_gold_surfaces(train_set[d], &fold_seen);
      }
    }
    std::fprintf(stderr, "fold %d: %zu training and %zu held-out documents\n", f + 1, in.size(), out.size());
    std::vector<std::uint64_t> keys;
    std::vector<float> weights;
    train(options, in, [&](int epoch, const ner::Model& model) {
      score(model, *options.gazetteer, out, &by_epoch[static_cast<std::size_t>(epoch - 1)], nullptr);
    }, &keys, &weights);
    ner::Model model = shipped_model(options, keys, weights);
    ner::ConllScore fold_all, fold_unseen(&fold_seen);
    score(model, *options.gazetteer, out, &fold_all, &fold_unseen, predictions);
    std::printf("fold %d: F1 %.2f, unseen F1 %.2f (%zu of %zu entities unseen)\n", f + 1,
                fold_all.f1(), fold_unseen.f1(), fold_unseen.gold(), fold_all.gold());
    all.merge(fold_all);
    unseen_all.merge(fold_unseen);
  }
  all.add_correct_tokens(docstarts);
  std::printf("pooled F1 by epoch:");
  for (int e = 1; e <= options.epochs; ++e)
    std::printf(" %d:%.2f", e, by_epoch[static_cast<std::size_t>(e - 1)].f1());
  std::printf("\n%d-fold cross-validation, %d epochs:\n", k, options.epochs);
  print_reports(all, unseen_all);
  if (predictions && std::fclose(predictions) != 0) throw std::runtime_error("cannot write " + predictions_path);
  return 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: newsdex-ner-train --train FILE --gazetteer FILE [--clusters FILE] --out FILE\n"
               "                         [--dev FILE] [OPTION...]\n"
               "       newsdex-ner-train --train FILE --gazetteer FILE [--clusters FILE] --cv K\n"
               "                         [--predictions FILE] [OPTION...]\n"
               "options: --epochs N  --runs N  --seed N  --prune W  --without GROUP,...  --skip-lists LIST,...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string train_path, dev_path, gaz_path, out_path, clusters_path, predictions_path;
  TrainOptions options;
  int folds = 0;
  ner::ListSet skip_lists = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    std::string v = argv[++i];
    if (a == "--train") train_path = v;
    else if (a == "--dev") dev_path = v;
    else if (a == "--gazetteer") gaz_path = v;
    else if (a == "--out") out_path = v;
    else if (a == "--epochs") options.epochs = std::stoi(v);
    else if (a == "--prune") options.prune = std::stof(v);
    else if (a == "--seed") options.seed = static_cast<unsigned>(std::stoul(v));
    else if (a == "--runs") options.runs = std::stoi(v);
    else if (a == "--cv") folds = std::stoi(v);
    else if (a == "--clusters") clusters_path = v;
    else if (a == "--predictions") predictions_path = v;
    else if (a == "--skip-lists") {
      for (std::size_t start = 0;;) {
        auto comma = v.find(',', start);
        auto bit = ner::Gazetteer::list_bit(v.substr(start, comma - start));
        if (bit == 0) {
          std::fprintf(stderr, "newsdex-ner-train: unknown gazetteer list in '%s'\n", v.c_str());
          return 2;
        }
        skip_lists |= bit;
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    else if (a == "--without") {
      std::size_t start = 0;
      for (;;) {
        auto comma = v.find(',', start);
        auto bit = ner::feature_group_bit(v.substr(start, comma - start));
        if (bit == 0) {
          std::fprintf(stderr, "newsdex-ner-train: unknown feature group in '%s'\n", v.c_str());
          return 2;
        }
        options.groups &= ~bit;
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    else return usage();
  }
  if (train_path.empty() || gaz_path.empty() || (out_path.empty() == (folds == 0)) || folds == 1 ||
      options.epochs < 1 || options.runs < 1)
    return usage();
  try {
    ner::Gazetteer gazetteer;
    gazetteer.load(gaz_path, skip_lists);
    options.gazetteer = &gazetteer;
    ner::WordClusters clusters;
    if (!clusters_path.empty()) {
      clusters.load_text(clusters_path);
      options.clusters = &clusters;
    }
    std::size_t train_starts = 0, dev_starts = 0;
    auto train_set = ner::read_conll(train_path, &train_starts);
    std::vector<ner::ConllDocument> dev;
    if (!dev_path.empty()) dev = ner::read_conll(dev_path, &dev_starts);

    auto prepare = [&](const std::vector<ner::ConllDocument>& docs) {
      std::vector<Prepared> out(docs.size());
      for (std::size_t d = 0; d < docs.size(); ++d) {
        out[d].doc = &docs[d];
        ner::compute_features(docs[d].doc, {&gazetteer, &clusters, options.groups}, &out[d].feats);
        out[d].gold = ner::gold_bilou(docs[d]);
      }
      return out;
    };
    auto train_docs = prepare(train_set);
    std::size_t trivial_entity_tokens = 0;
    for (const auto& p : train_docs)
      for (std::size_t i = 0; i < p.gold.size(); ++i)
        trivial_entity_tokens += p.feats.trivial[i] && p.gold[i] != ner::kTagO;
    std::fprintf(stderr, "train: %zu documents; entity tokens skipped as trivial: %zu\n",
                 train_set.size(), trivial_entity_tokens);
    if (folds > 0) return cross_validate(options, train_set, train_docs, train_starts, folds, predictions_path);

    std::vector<Prepared*> all;
    for (auto& p : train_docs) all.push_back(&p);
    std::vector<std::uint64_t> keys;
    std::vector<float> weights;
    train(options, all, {}, &keys, &weights);
    auto written = ner::write_model(out_path, {options.groups, options.clusters}, keys, weights, options.prune);
    std::fprintf(stderr, "wrote %s: %zu of %zu features\n", out_path.c_str(), written, keys.size());
    if (!dev.empty()) {
      auto dev_docs = prepare(dev);
      std::vector<Prepared*> dev_ptrs;
      for (auto& p : dev_docs) dev_ptrs.push_back(&p);
      ner::SurfaceSet seen;
      for (const auto& d : train_set) ner::add_gold_surfaces(d, &seen);
      ner::Model model;
      model.load(out_path);
      ner::ConllScore dev_all, dev_unseen(&seen);
      score(model, gazetteer, dev_ptrs, &dev_all, &dev_unseen);
      dev_all.add_correct_tokens(dev_starts);
      print_reports(dev_all, dev_unseen);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsdex-ner-train: %s\n", e.what());
    return 1;
  }
  return 0;
}
