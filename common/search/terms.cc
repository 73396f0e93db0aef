#include "terms.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "newsdex/analyzer.h"
#include "newsdex/document.h"
#include "newsdex/schema.h"

namespace newsdex {

namespace {

// Expands to content terms (see is_content_term) of the body or the
// title: a short article (a price table under a headline) is about what
// its headline says.
class ContentTerms final : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    const std::string_view title = schema::prefix_of("title");
    if (term.compare(0, title.size(), title) == 0) return is_content_term(term.substr(title.size()));
    return is_content_term(term);
  }
};

}  // namespace

bool is_content_term(const std::string& term) {
  if (term.size() < 2) return false;
  // Prefixes are capital letters (schema.h); words are folded to lower case.
  if (term.front() >= 'A' && term.front() <= 'Z') return false;
  return std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Xapian::Query like_query(const Xapian::Database& db, const std::string& id, Xapian::termcount terms,
                         std::vector<std::string>& stems) {
  const std::string idterm = id_term(id);
  Xapian::PostingIterator it = db.postlist_begin(idterm);
  if (it == db.postlist_end(idterm)) throw QueryError("no article with id '" + id + "' (--like)");
  Xapian::RSet relevant;
  relevant.add_document(*it);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(idterm));
  const ContentTerms decider;
  const Xapian::ESet eset = enquire.get_eset(terms, relevant, &decider);
  std::vector<Xapian::Query> parts;
  const std::string_view title = schema::prefix_of("title");
  for (auto t = eset.begin(); t != eset.end(); ++t) {
    const std::string term = *t;
    parts.emplace_back(term);
    stems.push_back(term.compare(0, title.size(), title) == 0 ? term.substr(title.size()) : term);
  }
  // An article without a content word is like no other.
  if (parts.empty()) return Xapian::Query();
  // Hook for duplicate grouping: the article's own group (its copies)
  // should be excluded here too, as the article is.
  return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                       Xapian::Query(idterm));
}

std::vector<TopWord> top_words(const Xapian::Database& db, const Xapian::MSet& sample, std::size_t n,
                               const std::vector<std::string>& skip) {
  std::vector<TopWord> out;
  const Xapian::doccount docs = sample.size();
  const Xapian::doccount archive = db.get_doccount();
  if (n == 0 || docs == 0 || archive == 0) return out;
  const std::unordered_set<std::string> skipped(skip.begin(), skip.end());
  std::unordered_map<std::string, Xapian::doccount> in_sample;
  for (auto m = sample.begin(); m != sample.end(); ++m) {
    for (auto t = db.termlist_begin(*m); t != db.termlist_end(*m); ++t) {
      const std::string term = *t;
      if (is_content_term(term) && !skipped.count(term)) ++in_sample[term];
    }
  }
  const Xapian::doccount least = std::max<Xapian::doccount>(2, (docs + 49) / 50);
  for (const auto& [term, count] : in_sample) {
    if (count < least) continue;
    const Xapian::doccount total = std::max(db.get_termfreq(term), count);
    const double fg = static_cast<double>(count) / docs;
    const double bg = static_cast<double>(total) / archive;
    if (fg <= bg) continue;
    TopWord w;
    w.term = term;
    w.word = term;
    w.matches = count;
    w.archive = total;
    w.score = (fg - bg) * fg / bg;
    out.push_back(std::move(w));
  }
  std::sort(out.begin(), out.end(), [](const TopWord& a, const TopWord& b) {
    return a.score != b.score ? a.score > b.score : a.term < b.term;
  });
  if (out.size() > n) out.resize(n);

  // The written forms of the chosen stems, from the first articles.
  std::unordered_map<std::string, std::map<std::string, Xapian::doccount>> forms;
  for (const TopWord& w : out) forms[w.term];
  const Analyzer& analyzer = default_analyzer();
  Xapian::doccount read = 0;
  for (auto m = sample.begin(); m != sample.end() && read < kFormDocs; ++m, ++read) {
    const Article a = article_from_data(m.get_document().get_data());
    for (const std::string* text : {&a.title, &a.body}) {
      Tokenizer tok(*text);
      while (tok.next()) {
        if (analyzer.is_stopword(tok.word())) continue;
        auto f = forms.find(std::string(analyzer.stem(tok.word())));
        if (f != forms.end()) ++f->second[tok.word()];
      }
    }
  }
  for (TopWord& w : out) {
    const auto& seen = forms[w.term];
    Xapian::doccount best = 0;
    for (const auto& [form, count] : seen) {
      if (count > best) {
        best = count;
        w.word = form;
      }
    }
  }
  return out;
}

}  // namespace newsdex
