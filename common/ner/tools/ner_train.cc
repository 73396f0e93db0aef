// newsdex-ner-train: trains the entity tagger on CoNLL-2003 and writes the
// shipped model. Deterministic: the same inputs give the same bytes.
//
//   newsdex-ner-train --train FILE --gazetteer FILE --out FILE
//                     [--dev FILE] [--epochs N] [--prune W] [--seed N]
//
// Exit codes: 0 success, 1 bad input or I/O error, 2 usage error.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
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
  const float* find(std::uint64_t key) const {
    std::size_t i = slot(key);
    return keys_[i] == key ? &w_[static_cast<std::size_t>(index_[i]) * ner::kNumTags] : nullptr;
  }

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

struct Prepared {
  ner::ConllDocument* doc;
  ner::DocFeatures feats;
  std::vector<std::uint8_t> gold;
};

double evaluate(const ner::Model& model, std::vector<Prepared>& docs, std::size_t docstarts,
                bool print) {
  ner::ConllScore score;
  ner::History history;
  std::vector<std::uint8_t> tags;
  for (auto& p : docs) {
    ner::greedy_decode(model, p.doc->doc, p.feats, &tags, &history,
                       [](std::size_t, const std::uint64_t*, std::size_t, const std::uint64_t*, int, int) {});
    score.add(*p.doc, tags);
  }
  score.add_correct_tokens(docstarts);
  if (print) score.print(stdout);
  return score.f1();
}

int usage() {
  std::fprintf(stderr,
               "usage: newsdex-ner-train --train FILE --gazetteer FILE --out FILE [--dev FILE]\n"
               "                         [--epochs N] [--prune W] [--seed N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string train_path, dev_path, gaz_path, out_path;
  int epochs = 10;
  float prune = 0.0f;
  unsigned seed = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    std::string v = argv[++i];
    if (a == "--train") train_path = v;
    else if (a == "--dev") dev_path = v;
    else if (a == "--gazetteer") gaz_path = v;
    else if (a == "--out") out_path = v;
    else if (a == "--epochs") epochs = std::stoi(v);
    else if (a == "--prune") prune = std::stof(v);
    else if (a == "--seed") seed = static_cast<unsigned>(std::stoul(v));
    else return usage();
  }
  if (train_path.empty() || gaz_path.empty() || out_path.empty()) return usage();
  try {
    ner::Gazetteer gazetteer;
    gazetteer.load(gaz_path);
    std::size_t train_starts = 0, dev_starts = 0;
    auto train = ner::read_conll(train_path, &train_starts);
    std::vector<ner::ConllDocument> dev;
    if (!dev_path.empty()) dev = ner::read_conll(dev_path, &dev_starts);

    std::vector<Prepared> train_docs(train.size()), dev_docs(dev.size());
    std::size_t trivial_entity_tokens = 0;
    for (std::size_t d = 0; d < train.size(); ++d) {
      train_docs[d].doc = &train[d];
      ner::compute_features(train[d].doc, gazetteer, &train_docs[d].feats);
      train_docs[d].gold = ner::gold_bilou(train[d]);
      for (std::size_t i = 0; i < train_docs[d].gold.size(); ++i)
        trivial_entity_tokens += train_docs[d].feats.trivial[i] && train_docs[d].gold[i] != ner::kTagO;
    }
    for (std::size_t d = 0; d < dev.size(); ++d) {
      dev_docs[d].doc = &dev[d];
      ner::compute_features(dev[d].doc, gazetteer, &dev_docs[d].feats);
    }
    std::fprintf(stderr, "train: %zu documents; entity tokens skipped as trivial: %zu\n",
                 train.size(), trivial_entity_tokens);

    TrainWeights weights;
    std::mt19937 rng(seed);
    std::vector<std::size_t> order(train_docs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    double step = 1;
    ner::History history;
    std::vector<std::uint8_t> tags;
    std::vector<std::uint64_t> keys;
    std::vector<float> avg;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      auto t0 = std::chrono::steady_clock::now();
      // Fisher-Yates with the generator's raw output: std::shuffle's
      // distribution is implementation-defined.
      for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
      std::size_t errors = 0, scored = 0;
      for (auto d : order) {
        auto& p = train_docs[d];
        ner::greedy_decode(weights, p.doc->doc, p.feats, &tags, &history,
                           [&](std::size_t i, const std::uint64_t* st, std::size_t nst,
                               const std::uint64_t* dyn, int ndyn, int predicted) {
                             ++scored;
                             int gold = p.gold[i];
                             if (predicted != gold) {
                               ++errors;
                               for (std::size_t k = 0; k < nst; ++k) {
                                 weights.update(st[k], gold, 1.0f, step);
                                 weights.update(st[k], predicted, -1.0f, step);
                               }
                               for (int k = 0; k < ndyn; ++k) {
                                 weights.update(dyn[k], gold, 1.0f, step);
                                 weights.update(dyn[k], predicted, -1.0f, step);
                               }
                             }
                             step += 1;
                           });
      }
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::fprintf(stderr, "epoch %d: %zu/%zu token errors, %zu features, %.1fs", epoch, errors,
                   scored, weights.size(), secs);
      if (!dev_docs.empty()) {
        weights.averaged(step, &keys, &avg);
        ner::Model model;
        model.assign(keys, avg);
        std::fprintf(stderr, ", dev F1 %.2f", evaluate(model, dev_docs, dev_starts, false));
      }
      std::fprintf(stderr, "\n");
    }
    weights.averaged(step, &keys, &avg);
    auto written = ner::write_model(out_path, keys, avg, prune);
    std::fprintf(stderr, "wrote %s: %zu of %zu features\n", out_path.c_str(), written, keys.size());
    if (!dev_docs.empty()) {
      ner::Model model;
      model.load(out_path);
      evaluate(model, dev_docs, dev_starts, true);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsdex-ner-train: %s\n", e.what());
    return 1;
  }
  return 0;
}
