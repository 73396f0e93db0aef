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
  // Neither the article nor its near-duplicates (its group) are like it:
  // they are it.
  const std::string group = db.get_document(*it).get_value(schema::kDupGroupSlot);
  const Xapian::Query itself =
      group.empty() ? Xapian::Query(idterm)
                    : Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(idterm),
                                    Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDupGroupSlot, group, group));
  return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                       itself);
}

namespace {

// The JLH score of a term in `count` of `docs` sample articles and `total`
// of `archive` articles; 0 when it is no more frequent in the sample.
double jlh(Xapian::doccount count, Xapian::doccount docs, Xapian::doccount total, Xapian::doccount archive) {
  const double fg = static_cast<double>(count) / docs;
  const double bg = static_cast<double>(std::max(total, count)) / archive;
  return fg > bg ? (fg - bg) * fg / bg : 0;
}

// True when text[begin, end) is only blanks: two words with nothing but
// space between them are a phrase; a comma, a full stop or a dash between
// them is not.
bool only_blanks(std::string_view text, std::size_t begin, std::size_t end) {
  if (begin >= end) return begin == end;
  for (std::size_t i = begin; i < end; ++i) {
    if (text[i] != ' ' && text[i] != '\n' && text[i] != '\t' && text[i] != '\r') return false;
  }
  return true;
}

// How a term or phrase of the sample is written: the first form seen,
// and the forms of the first kFormDocs articles with their counts.
struct Forms {
  std::string first;
  std::map<std::string, Xapian::doccount> counted;
  std::string best() const {
    std::string out = first;
    Xapian::doccount most = 0;
    for (const auto& [form, count] : counted) {
      if (count > most) {
        most = count;
        out = form;
      }
    }
    return out;
  }
};

// A two-word phrase of the sample.
struct PhraseStats {
  Xapian::doccount docs = 0;  // sample articles that have it
  std::size_t last = 0;       // 1 + the index of the last article counted
  Forms forms;
};

}  // namespace

std::vector<TopWord> top_words(const Xapian::Database& db, const Xapian::MSet& sample, std::size_t n,
                               const std::vector<std::string>& skip) {
  std::vector<TopWord> out;
  const Xapian::doccount docs = sample.size();
  const Xapian::doccount archive = db.get_doccount();
  if (n == 0 || docs == 0 || archive == 0) return out;
  const std::unordered_set<std::string> skipped(skip.begin(), skip.end());
  const Xapian::doccount least = std::max<Xapian::doccount>(2, (docs + 49) / 50);

  // Words: the sample's body terms.
  std::unordered_map<std::string, Xapian::doccount> in_sample;
  for (auto m = sample.begin(); m != sample.end(); ++m) {
    for (auto t = db.termlist_begin(*m); t != db.termlist_end(*m); ++t) {
      const std::string term = *t;
      if (is_content_term(term) && !skipped.count(term)) ++in_sample[term];
    }
  }
  std::unordered_map<std::string, Forms> word_forms;
  for (const auto& [term, count] : in_sample) {
    if (count < least) continue;
    const Xapian::doccount total = std::max(db.get_termfreq(term), count);
    const double score = jlh(count, docs, total, archive);
    if (score <= 0) continue;
    TopWord w;
    w.term = term;
    w.matches = count;
    w.archive = total;
    w.score = score;
    out.push_back(std::move(w));
    word_forms[term];
  }

  // Phrases: two content words with only blanks between them (stopwords
  // break a phrase), from the sample's text, read once; the same pass
  // finds how the words are written.
  std::unordered_map<std::string, PhraseStats> phrases;  // "stem stem"
  std::size_t index = 0;
  for (auto m = sample.begin(); m != sample.end(); ++m) {
    ++index;
    const bool count_forms = index <= kFormDocs;
    const Article a = article_from_data(m.get_document().get_data());
    const Analyzer& analyzer = analyzer_for(a.language);  // the terms it was indexed with
    for (const std::string* text : {&a.title, &a.body}) {
      Tokenizer tok(*text);
      bool chained = false;  // the word before was a content word
      std::string before_stem, before_word, key;
      std::size_t before_end = 0;
      while (tok.next()) {
        if (analyzer.is_stopword(tok.word())) {
          chained = false;
          continue;
        }
        const std::string stem(analyzer.stem(tok.word()));
        if (auto f = word_forms.find(stem); f != word_forms.end()) {
          if (f->second.first.empty()) f->second.first = tok.word();
          if (count_forms) ++f->second.counted[tok.word()];
        }
        const bool content = is_content_term(stem);
        if (chained && content && only_blanks(*text, before_end, tok.begin()) &&
            !(skipped.count(before_stem) && skipped.count(stem))) {
          key = before_stem + ' ' + stem;
          PhraseStats& p = phrases[key];
          if (p.last != index) {
            p.last = index;
            ++p.docs;
          }
          if (p.forms.first.empty()) p.forms.first = before_word + ' ' + tok.word();
          if (count_forms) ++p.forms.counted[before_word + ' ' + tok.word()];
        }
        chained = content;
        before_stem = stem;
        before_word = tok.word();
        before_end = tok.end();
      }
    }
  }
  // The phrases in most sample articles, counted in the archive (body or
  // headline, as a quoted query searches them): at most kPhraseCandidates
  // of them, so the cost is bounded whatever the sample holds.
  std::vector<std::pair<std::string, const PhraseStats*>> candidates;
  for (const auto& [key, p] : phrases) {
    if (p.docs >= least) candidates.emplace_back(key, &p);
  }
  std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
    return x.second->docs != y.second->docs ? x.second->docs > y.second->docs : x.first < y.first;
  });
  if (candidates.size() > kPhraseCandidates) candidates.resize(kPhraseCandidates);
  const std::string_view title = schema::prefix_of("title");
  for (const auto& [key, p] : candidates) {
    const std::size_t space = key.find(' ');
    const std::string first = key.substr(0, space), second = key.substr(space + 1);
    std::vector<Xapian::Query> either;
    for (const std::string& prefix : {std::string(), std::string(title)}) {
      const Xapian::Query words[] = {Xapian::Query(prefix + first, 1, 1), Xapian::Query(prefix + second, 1, 2)};
      either.emplace_back(Xapian::Query::OP_PHRASE, std::begin(words), std::end(words), 2);
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, either.begin(), either.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::doccount total =
        std::max(enquire.get_mset(0, 0, kPhraseCheck).get_matches_estimated(), p->docs);
    const double score = jlh(p->docs, docs, total, archive);
    if (score <= 0) continue;
    TopWord w;
    w.term = key;
    w.word = p->forms.best();
    w.phrase = true;
    w.matches = p->docs;
    w.archive = total;
    w.score = score;
    out.push_back(std::move(w));
  }

  std::sort(out.begin(), out.end(), [](const TopWord& a, const TopWord& b) {
    return a.score != b.score ? a.score > b.score : a.term < b.term;
  });
  if (out.size() > n) out.resize(n);
  for (TopWord& w : out) {
    if (w.phrase) continue;
    w.word = word_forms[w.term].best();
    if (w.word.empty()) w.word = w.term;
  }
  return out;
}

}  // namespace newsdex
