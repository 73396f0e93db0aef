// newsdex-ner-clusters: hierarchical word clusters (Brown et al. 1992) of
// unlabeled news text, the table the tagger's cluster features read.
//
//   newsdex-ner-clusters [--classes K] [--min-count N] [--iterations I]
//                        --out FILE INPUT...
//
// INPUT is a JSON Lines file of articles ("title" and "body" read) or a
// directory, whose *.txt files are read whole. Text is cut into tokens and
// sentences by the tagger's own tokenizer, so the table holds the forms
// the tagger sees; digits 1-9 are folded to 0. Words seen fewer than N
// times (default 3) share one "rare" word. K (default 1000) classes, at
// most I (default 20) exchange passes.
//
// Clustering maximises the likelihood of a class bigram model (the mutual
// information of adjacent classes), as Brown clustering does, in two steps:
//  1. exchange (Kneser & Ney 1993; Martin et al. 1998): words start in K
//     classes by frequency rank and each is moved, in turn, to the class
//     that most increases the likelihood, for I passes or until fewer than
//     0.1% of words move;
//  2. the K classes are merged bottom-up, each time the pair whose merge
//     loses least mutual information (Brown's criterion, with the O(K^2)
//     per-merge update of Liang 2005), giving a binary tree. A word's path
//     from the root (0 = left, 1 = right) is its bit string.
//
// Output: "# " comment lines, then "BITS<TAB>WORD<TAB>COUNT" lines sorted
// by bit string, then by falling count and word: the format of Liang's
// wcluster "paths" file. Deterministic for the same inputs and build.
// Exit codes: 0 success, 1 I/O or format error, 2 usage error.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "ner_document.h"

namespace ner = newsdex::ner;

namespace {

struct Options {
  int classes = 1000;
  int min_count = 3;
  int iterations = 20;
  std::string out;
  std::vector<std::string> inputs;
};

// Word forms as the table keys them: digits 1-9 become 0.
std::string fold_digits(std::string_view w) {
  std::string s(w);
  for (char& c : s)
    if (c >= '1' && c <= '9') c = '0';
  return s;
}

// Sentences of word ids, built from raw text.
class Corpus {
 public:
  void add_text(std::string_view text) {
    doc_.clear();
    ner::tokenize(text, 0, &doc_);
    for (const auto& s : doc_.sentences) {
      for (auto i = s.first; i < s.last; ++i) {
        auto [it, fresh] = ids_.try_emplace(fold_digits(doc_.text(i)), static_cast<int>(words_.size()));
        if (fresh) words_.push_back(it->first);
        tokens_.push_back(it->second);
      }
      tokens_.push_back(-1);  // sentence end
    }
  }
  const std::vector<int>& tokens() const { return tokens_; }
  const std::vector<std::string>& words() const { return words_; }

 private:
  ner::Document doc_;
  std::unordered_map<std::string, int> ids_;
  std::vector<std::string> words_;
  std::vector<int> tokens_;
};

void read_input(const std::string& path, Corpus* corpus, std::size_t* articles) {
  namespace fs = std::filesystem;
  if (fs::is_directory(path)) {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(path))
      if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());  // a fixed order, for reproducible output
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      corpus->add_text(text.str());
      ++*articles;
    }
    return;
  }
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(path + ":" + std::to_string(n) + ": " + e.what());
    }
    for (const char* field : {"title", "body"})
      if (j.contains(field) && j[field].is_string()) corpus->add_text(j[field].get<std::string>());
    ++*articles;
  }
}

// x log x for counts; a table for the small ones, which are most.
class XLogX {
 public:
  XLogX() : table_(kTable) {
    for (std::size_t x = 1; x < kTable; ++x) table_[x] = static_cast<double>(x) * std::log(static_cast<double>(x));
  }
  double operator()(std::int64_t x) const {
    if (x < static_cast<std::int64_t>(kTable)) return table_[static_cast<std::size_t>(x)];
    return static_cast<double>(x) * std::log(static_cast<double>(x));
  }

 private:
  static constexpr std::size_t kTable = 1 << 16;
  std::vector<double> table_;
};

// The clustering state: words (ids by falling count), their bigrams and
// the class bigram counts.
class Clusterer {
 public:
  Clusterer(const Corpus& corpus, const Options& options) : k_(options.classes) {
    // Vocabulary: words with at least min_count occurrences, by falling
    // count then form; the rest become one rare word, the last id.
    std::vector<std::int64_t> raw(corpus.words().size(), 0);
    for (int t : corpus.tokens())
      if (t >= 0) ++raw[static_cast<std::size_t>(t)];
    std::vector<int> order;
    for (std::size_t w = 0; w < raw.size(); ++w)
      if (raw[w] >= options.min_count) order.push_back(static_cast<int>(w));
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
      if (raw[ua] != raw[ub]) return raw[ua] > raw[ub];
      return corpus.words()[ua] < corpus.words()[ub];
    });
    std::vector<int> id(raw.size(), -1);
    for (std::size_t r = 0; r < order.size(); ++r) {
      id[static_cast<std::size_t>(order[r])] = static_cast<int>(r);
      words_.push_back(corpus.words()[static_cast<std::size_t>(order[r])]);
      count_.push_back(raw[static_cast<std::size_t>(order[r])]);
    }
    rare_ = static_cast<int>(words_.size());
    words_.push_back("");
    count_.push_back(0);
    for (std::size_t w = 0; w < raw.size(); ++w)
      if (id[w] < 0) count_.back() += raw[w];
    const std::size_t v = words_.size();
    // Bigram counts, then per-word successor and predecessor lists.
    std::unordered_map<std::uint64_t, std::int64_t> bigrams;
    const auto& toks = corpus.tokens();
    for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
      if (toks[i] < 0 || toks[i + 1] < 0) continue;
      auto a = static_cast<std::uint64_t>(word_id(id, toks[i])), b = static_cast<std::uint64_t>(word_id(id, toks[i + 1]));
      ++bigrams[a << 32 | b];
    }
    std::vector<std::pair<std::uint64_t, std::int64_t>> sorted(bigrams.begin(), bigrams.end());
    std::sort(sorted.begin(), sorted.end());
    succ_.resize(v);
    pred_.resize(v);
    for (const auto& [key, n] : sorted) {
      int a = static_cast<int>(key >> 32), b = static_cast<int>(key & 0xffffffffu);
      succ_[static_cast<std::size_t>(a)].push_back({b, n});
      pred_[static_cast<std::size_t>(b)].push_back({a, n});
    }
    for (auto& p : pred_) std::sort(p.begin(), p.end());
    std::fprintf(stderr, "vocabulary: %zu words (+ rare), %zu distinct bigrams\n", v - 1, sorted.size());
  }

  void exchange(int iterations) {
    const std::size_t v = words_.size();
    const std::size_t k = static_cast<std::size_t>(k_);
    cls_.resize(v);
    for (std::size_t w = 0; w < v; ++w) cls_[w] = static_cast<int>(w % k);
    n_.assign(k * k, 0);
    nt_.assign(k * k, 0);
    nl_.assign(k, 0);
    nr_.assign(k, 0);
    for (std::size_t a = 0; a < v; ++a)
      for (const auto& [b, n] : succ_[a]) add_bigram(cls_[a], cls_[static_cast<std::size_t>(b)], n);
    std::vector<std::int64_t> s(k, 0), p(k, 0);
    std::vector<int> s_list, p_list;
    std::vector<double> gain(k);
    for (int it = 1; it <= iterations; ++it) {
      auto t0 = std::chrono::steady_clock::now();
      std::size_t moved = 0;
      for (std::size_t w = 0; w < v; ++w) {
        // The word's bigrams by the class of the other word; its bigrams
        // with itself apart.
        std::int64_t self = 0, nl = 0, nr = 0;
        s_list.clear();
        p_list.clear();
        for (const auto& [b, n] : succ_[w]) {
          nl += n;
          if (static_cast<std::size_t>(b) == w) {
            self += n;
            continue;
          }
          auto c = static_cast<std::size_t>(cls_[static_cast<std::size_t>(b)]);
          if (s[c] == 0) s_list.push_back(static_cast<int>(c));
          s[c] += n;
        }
        for (const auto& [a, n] : pred_[w]) {
          nr += n;
          if (static_cast<std::size_t>(a) == w) continue;
          auto c = static_cast<std::size_t>(cls_[static_cast<std::size_t>(a)]);
          if (p[c] == 0) p_list.push_back(static_cast<int>(c));
          p[c] += n;
        }
        // Take the word out of its class g.
        const auto g = static_cast<std::size_t>(cls_[w]);
        move_word(g, s, s_list, p, p_list, self, nl, nr, -1);
        // The gain of putting it into each class kk.
        std::fill(gain.begin(), gain.end(), 0.0);
        for (int d : s_list) {
          const std::int64_t add = s[static_cast<std::size_t>(d)];
          const std::int64_t* col = &nt_[static_cast<std::size_t>(d) * k];  // N[kk][d] over kk
          for (std::size_t kk = 0; kk < k; ++kk) gain[kk] += f_(col[kk] + add) - f_(col[kk]);
        }
        for (int c : p_list) {
          const std::int64_t add = p[static_cast<std::size_t>(c)];
          const std::int64_t* row = &n_[static_cast<std::size_t>(c) * k];  // N[c][kk] over kk
          for (std::size_t kk = 0; kk < k; ++kk) gain[kk] += f_(row[kk] + add) - f_(row[kk]);
        }
        std::size_t best = g;
        double best_gain = 0;
        for (std::size_t kk = 0; kk < k; ++kk) {
          // N[kk][kk] gains s[kk] + p[kk] + self at once, not in two steps.
          const std::int64_t nkk = n_[kk * k + kk];
          gain[kk] += f_(nkk + s[kk] + p[kk] + self) - f_(nkk + s[kk]) - f_(nkk + p[kk]) + f_(nkk);
          gain[kk] -= f_(nl_[kk] + nl) - f_(nl_[kk]) + f_(nr_[kk] + nr) - f_(nr_[kk]);
          if (kk == g) best_gain = gain[kk];
        }
        for (std::size_t kk = 0; kk < k; ++kk)
          if (gain[kk] > best_gain + 1e-9) {
            best = kk;
            best_gain = gain[kk];
          }
        move_word(best, s, s_list, p, p_list, self, nl, nr, +1);
        cls_[w] = static_cast<int>(best);
        moved += best != g;
        for (int c : s_list) s[static_cast<std::size_t>(c)] = 0;
        for (int c : p_list) p[static_cast<std::size_t>(c)] = 0;
      }
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::fprintf(stderr, "exchange pass %d: %zu words moved, objective %.1f, %.1fs\n", it, moved,
                   objective(), secs);
      if (moved * 1000 < v) break;
    }
  }

  // Merges the classes bottom-up into a binary tree; returns each class's
  // bit string.
  std::vector<std::string> merge_classes() {
    const std::size_t k = static_cast<std::size_t>(k_);
    // Counts of the current clusters, in the slots of the classes; a merge
    // of a and b leaves the result in a and empties b.
    std::vector<double> fn(k * k);  // f(N[c][d]), cached
    for (std::size_t i = 0; i < k * k; ++i) fn[i] = f_(n_[i]);
    std::vector<bool> active(k, true);
    std::vector<double> gain(k * k, 0.0);  // gain[a*k+b], a < b: objective change of merging
    auto pair_gain = [&](std::size_t a, std::size_t b) {
      double g = 0;
      for (std::size_t x = 0; x < k; ++x) {
        if (!active[x] || x == a || x == b) continue;
        g += f_(n_[a * k + x] + n_[b * k + x]) - fn[a * k + x] - fn[b * k + x];
        g += f_(n_[x * k + a] + n_[x * k + b]) - fn[x * k + a] - fn[x * k + b];
      }
      g += f_(n_[a * k + a] + n_[a * k + b] + n_[b * k + a] + n_[b * k + b]) - fn[a * k + a] -
           fn[a * k + b] - fn[b * k + a] - fn[b * k + b];
      g -= f_(nl_[a] + nl_[b]) - f_(nl_[a]) - f_(nl_[b]);
      g -= f_(nr_[a] + nr_[b]) - f_(nr_[a]) - f_(nr_[b]);
      return g;
    };
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t b = a + 1; b < k; ++b) gain[a * k + b] = pair_gain(a, b);
    // Tree nodes: leaves 0..k-1 are the classes; node[a] is the node now in slot a.
    std::vector<int> node(k), left, right;
    for (std::size_t a = 0; a < k; ++a) node[a] = static_cast<int>(a);
    std::vector<int> parent(k, -1);
    for (std::size_t merges = 0; merges + 1 < k; ++merges) {
      std::size_t ba = 0, bb = 0;
      double best = -1e300;
      for (std::size_t a = 0; a < k; ++a) {
        if (!active[a]) continue;
        for (std::size_t b = a + 1; b < k; ++b)
          if (active[b] && gain[a * k + b] > best) {
            best = gain[a * k + b];
            ba = a;
            bb = b;
          }
      }
      const std::size_t a = ba, b = bb;
      // Every other pair (c, e) loses its terms for a and b and gains one
      // for the merged cluster m; computed from the counts before the merge.
      auto term = [&](std::int64_t ce_x, std::int64_t x_ce, double fcx, double fex, double fxc,
                      double fxe) {
        return f_(ce_x) - fcx - fex + f_(x_ce) - fxc - fxe;
      };
      for (std::size_t c = 0; c < k; ++c) {
        if (!active[c] || c == a || c == b) continue;
        for (std::size_t e = c + 1; e < k; ++e) {
          if (!active[e] || e == a || e == b) continue;
          double old_a = term(n_[c * k + a] + n_[e * k + a], n_[a * k + c] + n_[a * k + e],
                              fn[c * k + a], fn[e * k + a], fn[a * k + c], fn[a * k + e]);
          double old_b = term(n_[c * k + b] + n_[e * k + b], n_[b * k + c] + n_[b * k + e],
                              fn[c * k + b], fn[e * k + b], fn[b * k + c], fn[b * k + e]);
          std::int64_t cm = n_[c * k + a] + n_[c * k + b], em = n_[e * k + a] + n_[e * k + b];
          std::int64_t mc = n_[a * k + c] + n_[b * k + c], me = n_[a * k + e] + n_[b * k + e];
          double merged = f_(cm + em) - f_(cm) - f_(em) + f_(mc + me) - f_(mc) - f_(me);
          gain[c * k + e] += merged - old_a - old_b;
        }
      }
      // Merge b into a.
      for (std::size_t x = 0; x < k; ++x) {
        if (x == a || x == b) continue;
        n_[a * k + x] += n_[b * k + x];
        n_[x * k + a] += n_[x * k + b];
        n_[b * k + x] = n_[x * k + b] = 0;
        fn[a * k + x] = f_(n_[a * k + x]);
        fn[x * k + a] = f_(n_[x * k + a]);
        fn[b * k + x] = fn[x * k + b] = 0;
      }
      n_[a * k + a] += n_[a * k + b] + n_[b * k + a] + n_[b * k + b];
      n_[a * k + b] = n_[b * k + a] = n_[b * k + b] = 0;
      fn[a * k + a] = f_(n_[a * k + a]);
      fn[a * k + b] = fn[b * k + a] = fn[b * k + b] = 0;
      nl_[a] += nl_[b];
      nr_[a] += nr_[b];
      nl_[b] = nr_[b] = 0;
      active[b] = false;
      for (std::size_t x = 0; x < k; ++x) {
        if (!active[x] || x == a) continue;
        gain[std::min(a, x) * k + std::max(a, x)] = pair_gain(std::min(a, x), std::max(a, x));
      }
      int m = static_cast<int>(parent.size());
      parent.push_back(-1);
      parent[static_cast<std::size_t>(node[a])] = m;
      parent[static_cast<std::size_t>(node[b])] = m;
      left.push_back(node[a]);
      right.push_back(node[b]);
      node[a] = m;
      if ((merges + 1) % 100 == 0) std::fprintf(stderr, "merged %zu of %zu classes\n", merges + 1, k);
    }
    // Bit strings from the root down.
    std::vector<std::string> path(parent.size());
    for (std::size_t m = parent.size(); m-- > k;) {
      std::size_t i = m - k;
      path[static_cast<std::size_t>(left[i])] = path[m] + "0";
      path[static_cast<std::size_t>(right[i])] = path[m] + "1";
    }
    path.resize(k);
    return path;
  }

  void write(const std::string& out_path, const std::vector<std::string>& paths,
             const std::string& header) const {
    struct Row {
      const std::string* path;
      const std::string* word;
      std::int64_t count;
    };
    std::vector<Row> rows;
    for (std::size_t w = 0; w < words_.size(); ++w)
      if (static_cast<int>(w) != rare_)
        rows.push_back({&paths[static_cast<std::size_t>(cls_[w])], &words_[w], count_[w]});
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      if (*a.path != *b.path) return *a.path < *b.path;
      if (a.count != b.count) return a.count > b.count;
      return *a.word < *b.word;
    });
    std::ofstream out(out_path, std::ios::trunc);
    out << header;
    for (const auto& r : rows) out << *r.path << '\t' << *r.word << '\t' << r.count << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write " + out_path);
  }

 private:
  int word_id(const std::vector<int>& id, int raw) const {
    int w = id[static_cast<std::size_t>(raw)];
    return w < 0 ? rare_ : w;
  }
  void add_bigram(int a, int b, std::int64_t n) {
    const std::size_t k = static_cast<std::size_t>(k_);
    n_[static_cast<std::size_t>(a) * k + static_cast<std::size_t>(b)] += n;
    nt_[static_cast<std::size_t>(b) * k + static_cast<std::size_t>(a)] += n;
    nl_[static_cast<std::size_t>(a)] += n;
    nr_[static_cast<std::size_t>(b)] += n;
  }
  // Adds (sign +1) or removes (-1) a word with these class bigram counts
  // to or from class g.
  void move_word(std::size_t g, const std::vector<std::int64_t>& s, const std::vector<int>& s_list,
                 const std::vector<std::int64_t>& p, const std::vector<int>& p_list, std::int64_t self,
                 std::int64_t nl, std::int64_t nr, int sign) {
    const std::size_t k = static_cast<std::size_t>(k_);
    for (int d : s_list) {
      auto du = static_cast<std::size_t>(d);
      n_[g * k + du] += sign * s[du];
      nt_[du * k + g] += sign * s[du];
    }
    for (int c : p_list) {
      auto cu = static_cast<std::size_t>(c);
      n_[cu * k + g] += sign * p[cu];
      nt_[g * k + cu] += sign * p[cu];
    }
    n_[g * k + g] += sign * self;
    nt_[g * k + g] += sign * self;
    nl_[g] += sign * nl;
    nr_[g] += sign * nr;
  }
  double objective() const {
    double q = 0;
    for (auto n : n_) q += f_(n);
    for (auto n : nl_) q -= f_(n);
    for (auto n : nr_) q -= f_(n);
    return q;
  }

  int k_;
  XLogX f_;
  std::vector<std::string> words_;
  std::vector<std::int64_t> count_;
  int rare_ = 0;
  std::vector<std::vector<std::pair<int, std::int64_t>>> succ_, pred_;
  std::vector<int> cls_;
  std::vector<std::int64_t> n_, nt_;  // class bigram counts N[c][d] and transposed
  std::vector<std::int64_t> nl_, nr_;  // row and column sums
};

int usage() {
  std::fprintf(stderr,
               "usage: newsdex-ner-clusters [--classes K] [--min-count N] [--iterations I] --out FILE "
               "INPUT...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--classes" || a == "--min-count" || a == "--iterations" || a == "--out") {
      if (i + 1 >= argc) return usage();
      std::string v = argv[++i];
      if (a == "--out") o.out = v;
      else if (a == "--classes") o.classes = std::stoi(v);
      else if (a == "--min-count") o.min_count = std::stoi(v);
      else o.iterations = std::stoi(v);
    } else if (!a.empty() && a[0] == '-') {
      return usage();
    } else {
      o.inputs.push_back(a);
    }
  }
  if (o.out.empty() || o.inputs.empty() || o.classes < 2 || o.min_count < 1) return usage();
  try {
    Corpus corpus;
    std::size_t articles = 0;
    for (const auto& in : o.inputs) read_input(in, &corpus, &articles);
    std::size_t tokens = corpus.tokens().size();
    std::fprintf(stderr, "read %zu articles, %zu tokens (with sentence ends)\n", articles, tokens);
    Clusterer c(corpus, o);
    c.exchange(o.iterations);
    auto paths = c.merge_classes();
    std::ostringstream header;
    header << "# newsdex NER word clusters, generated by newsdex-ner-clusters; do not edit.\n"
           << "# " << o.classes << " classes, words seen at least " << o.min_count << " times in "
           << articles << " articles of unlabeled news text (see common/ner/data/README.md).\n"
           << "# BITS<TAB>WORD<TAB>COUNT; digits 1-9 written as 0.\n";
    c.write(o.out, paths, header.str());
    std::fprintf(stderr, "wrote %s\n", o.out.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsdex-ner-clusters: %s\n", e.what());
    return 1;
  }
  return 0;
}
