#include "conll.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "ner_model.h"

namespace newsdex::ner {
namespace {

struct GoldSpan {
  std::uint32_t first, last;
  int type;
  bool operator==(const GoldSpan& o) const {
    return first == o.first && last == o.last && type == o.type;
  }
};

int iob_type(const std::string& tag) {
  if (tag.size() < 3 || tag[1] != '-') return -1;
  return type_from_name(std::string_view(tag).substr(2));
}

// conlleval's chunking of IOB tags within one sentence.
std::vector<GoldSpan> iob_spans(const Document& doc, const std::vector<std::string>& tags) {
  std::vector<GoldSpan> spans;
  for (const auto& s : doc.sentences) {
    int open = -1;
    std::uint32_t start = 0;
    for (std::uint32_t i = s.first; i < s.last; ++i) {
      int type = iob_type(tags[i]);
      bool begin = tags[i][0] == 'B';
      if (open >= 0 && (type != open || begin)) {
        spans.push_back({start, i, open});
        open = -1;
      }
      if (type >= 0 && open < 0) {
        open = type;
        start = i;
      }
    }
    if (open >= 0) spans.push_back({start, s.last, open});
  }
  return spans;
}

}  // namespace

std::vector<ConllDocument> read_conll(const std::string& path, std::size_t* docstarts) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<ConllDocument> docs;
  *docstarts = 0;
  std::string line;
  std::size_t n = 0;
  auto close_doc = [&] {
    if (!docs.empty()) docs.back().doc.end_sentence();
  };
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!docs.empty()) docs.back().doc.end_sentence();
      continue;
    }
    std::istringstream fields(line);
    std::string word, pos, chunk, tag;
    if (!(fields >> word >> pos >> chunk >> tag))
      throw std::runtime_error(path + ":" + std::to_string(n) + ": expected 4 fields");
    if (word == "-DOCSTART-") {
      close_doc();
      docs.emplace_back();
      ++*docstarts;
      continue;
    }
    if (docs.empty()) docs.emplace_back();
    docs.back().doc.add_token(0, 0, word);
    docs.back().gold.push_back(tag);
  }
  close_doc();
  return docs;
}

std::string surface(const Document& doc, std::uint32_t first, std::uint32_t last) {
  std::string out;
  for (auto i = first; i < last; ++i) {
    if (i > first) out.push_back(' ');
    out += doc.text(i);
  }
  return out;
}

void add_gold_surfaces(const ConllDocument& d, SurfaceSet* out) {
  for (const auto& s : iob_spans(d.doc, d.gold)) out->insert(surface(d.doc, s.first, s.last));
}

std::vector<std::uint8_t> gold_bilou(const ConllDocument& d) {
  std::vector<std::uint8_t> tags(d.doc.tokens.size(), kTagO);
  for (const auto& s : iob_spans(d.doc, d.gold)) {
    if (s.last - s.first == 1) {
      tags[s.first] = static_cast<std::uint8_t>(make_tag(s.type, kPosU));
      continue;
    }
    for (auto i = s.first; i < s.last; ++i)
      tags[i] = static_cast<std::uint8_t>(
          make_tag(s.type, i == s.first ? kPosB : (i + 1 == s.last ? kPosL : kPosI)));
  }
  return tags;
}

void ConllScore::add(const ConllDocument& d, const std::vector<std::uint8_t>& predicted) {
  std::vector<Span> pspans;
  tags_to_spans(d.doc, predicted, &pspans);
  std::vector<std::string> ptags(d.doc.tokens.size(), "O");
  std::vector<GoldSpan> found;
  for (const auto& s : pspans) {
    found.push_back({s.first, s.last, s.type});
    for (auto i = s.first; i < s.last; ++i)
      ptags[i] = std::string(i == s.first ? "B-" : "I-") + type_name(s.type);
  }
  auto gold = iob_spans(d.doc, d.gold);
  for (std::size_t i = 0; i < ptags.size(); ++i) correct_tags_ += ptags[i] == d.gold[i];
  tokens_ += ptags.size();
  if (seen_) {
    auto is_seen = [&](const GoldSpan& s) { return seen_->count(surface(d.doc, s.first, s.last)) > 0; };
    found.erase(std::remove_if(found.begin(), found.end(), is_seen), found.end());
    gold.erase(std::remove_if(gold.begin(), gold.end(), is_seen), gold.end());
  }
  for (const auto& s : found) ++found_[s.type], ++found_[4];
  for (const auto& s : gold) ++gold_[s.type], ++gold_[4];
  // Both lists are in token order; match by merge.
  std::size_t a = 0, b = 0;
  while (a < found.size() && b < gold.size()) {
    if (found[a] == gold[b]) {
      ++correct_[found[a].type], ++correct_[4];
      ++a, ++b;
    } else if (std::tie(found[a].first, found[a].last) < std::tie(gold[b].first, gold[b].last)) {
      ++a;
    } else {
      ++b;
    }
  }
}

void ConllScore::add_correct_tokens(std::size_t n) {
  tokens_ += n;
  correct_tags_ += n;
}

void ConllScore::merge(const ConllScore& other) {
  tokens_ += other.tokens_;
  correct_tags_ += other.correct_tags_;
  for (int k = 0; k < 5; ++k) {
    found_[k] += other.found_[k];
    gold_[k] += other.gold_[k];
    correct_[k] += other.correct_[k];
  }
}

namespace {
double pct(std::size_t a, std::size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0; }
double fb1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }
}  // namespace

double ConllScore::f1() const { return fb1(pct(correct_[4], found_[4]), pct(correct_[4], gold_[4])); }

double ConllScore::f1(int type) const {
  return fb1(pct(correct_[type], found_[type]), pct(correct_[type], gold_[type]));
}

void ConllScore::print(std::FILE* out, const char* label) const {
  if (label)
    std::fprintf(out, "%s: %zu phrases; found: %zu phrases; correct: %zu.\n", label, gold_[4],
                 found_[4], correct_[4]);
  else
    std::fprintf(out, "processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n",
                 tokens_, gold_[4], found_[4], correct_[4]);
  for (int t = 0; t < kNumTypes; ++t) {
    double p = pct(correct_[t], found_[t]), r = pct(correct_[t], gold_[t]);
    std::fprintf(out, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %zu\n", type_name(t),
                 p, r, fb1(p, r), found_[t]);
  }
  double p = pct(correct_[4], found_[4]), r = pct(correct_[4], gold_[4]);
  if (label)
    std::fprintf(out, "%s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", label, p, r, fb1(p, r));
  else
    std::fprintf(out, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                 pct(correct_tags_, tokens_), p, r, fb1(p, r));
}

}  // namespace newsdex::ner
