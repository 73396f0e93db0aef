// newsdex-ner-eval: measures the shipped entity tagger.
//
//   newsdex-ner-eval [--data-dir DIR] [--unseen-from TRAIN] CONLL_FILE
//       conlleval-style report of the tagger on CoNLL-2003 data, whose
//       overall line is "accuracy: A%; precision: P%; recall: R%; FB1: F";
//       with --unseen-from, then the same report restricted to the
//       entities whose surface form is not an entity of the CoNLL file
//       TRAIN (gold and predicted alike), whose last line is
//       "unseen: precision: P%; recall: R%; FB1: F".
//   newsdex-ner-eval [--data-dir DIR] --margins CONLL_FILE
//       how often the tagger's spans are right by their margin (the
//       score of the best tagging less that of the best one without the
//       span's tag at its weakest token; tag_document): per type, the
//       spans and the share of them that are right in each band of
//       margins, "TYPE [LO,HI) SPANS RIGHT%", one band a line.
//   newsdex-ner-eval [--data-dir DIR] --speed JSONL
//       extract() throughput over JSON Lines articles (title, body fields):
//       articles/s and MB/s of title+body text, single-threaded; parsing is
//       not timed.
//   newsdex-ner-eval [--data-dir DIR] --article FILE
//       entities of a plain-text article: title on line 1, body after;
//       "TYPE<TAB>NAME<TAB>MENTIONS", and "<TAB>weak" for weak evidence
//       (Entity::weak).
//
// Exit codes: 0 success, 1 input or model error, 2 usage error.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "conll.h"
#include "ner_extractor.h"

namespace ner = newsdex::ner;

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: newsdex-ner-eval [--data-dir DIR] [--unseen-from TRAIN] CONLL_FILE\n"
               "       newsdex-ner-eval [--data-dir DIR] --margins CONLL_FILE\n"
               "       newsdex-ner-eval [--data-dir DIR] --speed JSONL\n"
               "       newsdex-ner-eval [--data-dir DIR] --article FILE\n");
  return 2;
}

int eval_conll(const ner::Extractor& ex, const std::string& path, const std::string& unseen_from) {
  std::size_t docstarts = 0;
  auto docs = ner::read_conll(path, &docstarts);
  ner::SurfaceSet seen;
  if (!unseen_from.empty()) {
    std::size_t ignored = 0;
    for (const auto& d : ner::read_conll(unseen_from, &ignored)) ner::add_gold_surfaces(d, &seen);
  }
  ner::ConllScore score, unseen(&seen);
  ner::DocFeatures features;
  std::vector<std::uint8_t> tags;
  for (const auto& d : docs) {
    ex.tag(d.doc, &features, &tags);
    score.add(d, tags);
    unseen.add(d, tags);
  }
  score.add_correct_tokens(docstarts);
  score.print(stdout);
  if (!unseen_from.empty()) unseen.print(stdout, "unseen");
  return 0;
}

int margins(const ner::Extractor& ex, const std::string& path) {
  std::size_t docstarts = 0;
  const auto docs = ner::read_conll(path, &docstarts);
  constexpr float kBands[] = {0, 5, 10, 20, 30, 50};
  constexpr std::size_t kNumBands = sizeof kBands / sizeof kBands[0];
  std::size_t spans[ner::kNumTypes + 1][kNumBands] = {}, right[ner::kNumTypes + 1][kNumBands] = {};
  ner::DocFeatures features;
  std::vector<std::uint8_t> tags;
  std::vector<float> margin;
  std::vector<ner::Span> found, gold;
  for (const auto& d : docs) {
    ex.tag(d.doc, &features, &tags, &margin);
    ner::tags_to_spans(d.doc, tags, &found);
    ner::tags_to_spans(d.doc, ner::gold_bilou(d), &gold);
    for (const ner::Span& s : found) {
      float m = margin[s.first];
      for (auto i = s.first; i < s.last; ++i) m = std::min(m, margin[i]);
      std::size_t band = 0;
      while (band + 1 < kNumBands && m >= kBands[band + 1]) ++band;
      const bool ok = std::any_of(gold.begin(), gold.end(), [&](const ner::Span& g) {
        return g.first == s.first && g.last == s.last && g.type == s.type;
      });
      for (int t : {s.type, ner::kNumTypes}) {
        ++spans[t][band];
        right[t][band] += ok;
      }
    }
  }
  for (int t = 0; t <= ner::kNumTypes; ++t) {
    for (std::size_t b = 0; b < kNumBands; ++b) {
      const std::string hi = b + 1 < kNumBands ? std::to_string(static_cast<int>(kBands[b + 1])) : "inf";
      std::printf("%s [%d,%s) %zu %.1f%%\n", t < ner::kNumTypes ? ner::type_name(t) : "ALL", static_cast<int>(kBands[b]),
                  hi.c_str(), spans[t][b], spans[t][b] ? 100.0 * static_cast<double>(right[t][b]) / static_cast<double>(spans[t][b]) : 0.0);
    }
  }
  return 0;
}

int speed(const ner::Extractor& ex, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<newsdex::Article> articles;
  std::string line;
  std::size_t bytes = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    newsdex::Article a;
    a.title = j.value("title", "");
    a.body = j.value("body", "");
    bytes += a.title.size() + a.body.size();
    articles.push_back(std::move(a));
  }
  std::size_t entities = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (const auto& a : articles) entities += ex.extract(a).size();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("articles: %zu; bytes: %zu; entities: %zu; seconds: %.3f\n", articles.size(), bytes,
              entities, secs);
  std::printf("articles/s: %.0f; MB/s: %.2f\n", static_cast<double>(articles.size()) / secs,
              static_cast<double>(bytes) / 1e6 / secs);
  return 0;
}

int article(const ner::Extractor& ex, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  newsdex::Article a;
  std::getline(in, a.title);
  std::stringstream rest;
  rest << in.rdbuf();
  a.body = rest.str();
  for (const auto& e : ex.extract(a)) {
    std::printf("%s\t%s\t%d%s\n", std::string(newsdex::name_of(e.type)).c_str(), e.name.c_str(), e.mentions,
                e.weak ? "\tweak" : "");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  newsdex::EntityOptions options;
  std::string mode, path, unseen_from;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data-dir" || a == "--margins" || a == "--speed" || a == "--article" || a == "--unseen-from") {
      if (i + 1 >= argc) return usage();
      if (a == "--data-dir") options.data_dir = argv[++i];
      else if (a == "--unseen-from") unseen_from = argv[++i];
      else mode = a, path = argv[++i];
    } else if (path.empty() && !a.empty() && a[0] != '-') {
      path = a;
    } else {
      return usage();
    }
  }
  if (path.empty()) return usage();
  try {
    auto load_start = std::chrono::steady_clock::now();
    ner::Extractor ex(ner::resolve_data_dir(options));
    double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
    std::fprintf(stderr, "model loaded in %.3fs (%zu features)\n", load, ex.model().size());
    if (mode == "--speed") return speed(ex, path);
    if (mode == "--margins") return margins(ex, path);
    if (mode == "--article") return article(ex, path);
    return eval_conll(ex, path, unseen_from);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsdex-ner-eval: %s\n", e.what());
    return 1;
  }
}
