// The entity tagger's parts (common/ner, internal headers): token forms,
// gazetteer matching, word clusters, the model file and Viterbi decoding.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ner_clusters.h"
#include "ner_document.h"
#include "ner_gazetteer.h"
#include "ner_model.h"
#include "ner_names.h"
#include "ner_text.h"

namespace ner = newsdex::ner;

namespace {

// A file in the temporary directory, removed when the test ends.
class TempFile {
 public:
  explicit TempFile(const std::string& text)
      : path_((std::filesystem::temp_directory_path() /
               ("newsdex-ner-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++)))
                  .string()) {
    std::ofstream(path_) << text;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

ner::Document tokenized(const std::string& text) {
  ner::Document doc;
  ner::tokenize(text, 0, &doc);
  return doc;
}

}  // namespace

TEST_CASE("token_forms gives every token the case and hashes of the reference functions", "[ner]") {
  const char* const tokens[] = {"Moscow",  "OFAC", "iPhone", "1996-08-22", "al-Sharaa", "'s",
                                "Pölten",  "ÖSTERREICH", "x", "U.S.", "--", "Mc4Donald", "ČEZ",
                                "Zürich2", "a1b22c333"};
  for (const char* token : tokens) {
    SECTION(token) {
      std::string w(token);
      std::string lower;
      ner::append_lower(&lower, w);
      std::string folded = lower;
      for (char& c : folded)
        if (c >= '1' && c <= '9') c = '0';
      std::string shape;
      ner::append_shape(&shape, w);

      std::string appended = "prefix:";
      ner::TokenForms forms;
      ner::token_forms(w, &appended, &forms);
      CHECK(appended == "prefix:" + folded);
      CHECK(forms.case_class == ner::case_class(w));
      CHECK(forms.plain == ner::hash_bytes(lower));
      CHECK(forms.lower == ner::hash_bytes(folded, 11));
      CHECK(forms.shape == ner::hash_bytes(shape, 13));
      CHECK(forms.word == ner::WordClusters::key(w));
    }
  }
}

TEST_CASE("a gazetteer phrase is found as the tokenizer cuts it - whichever way it was loaded", "[ner]") {
  struct Case {
    const char* phrase;
    ner::ListSet lists;
  };
  const Case cases[] = {
      {"Van Gaal", ner::kSurname},               // plain words: loaded without the tokenizer
      {"Hamburger SV", ner::kClub},
      {"St. Pölten", ner::kClub},                // abbreviation and UTF-8: the tokenizer
      {"Procter & Gamble", ner::kCompany},
      {"Côte d'Ivoire", ner::kNation},
      {"Meta Platforms, Inc.", ner::kCompany},
  };
  std::string file = "# comment\n";
  for (const auto& c : cases) file += std::string(ner::Gazetteer::list_name(c.lists)) + "\t" + c.phrase + "\n";
  file += "CITY\tHamburg\nCLUB\tHamburg\n";
  TempFile tmp(file);
  ner::Gazetteer g;
  g.load(tmp.path());
  for (const auto& c : cases) {
    INFO(c.phrase);
    CHECK(g.lookup_text(c.phrase) == c.lists);
  }
  CHECK(g.lookup_text("hamburger sv") == ner::kClub);  // case-insensitive
  CHECK(g.lookup_text("Hamburg") == (ner::kCity | ner::kClub));
  CHECK(g.lookup_text("Hamburger") == 0);  // a prefix of a phrase is none

  SECTION("skipped lists are not loaded") {
    ner::Gazetteer h;
    h.load(tmp.path(), ner::kClub);
    CHECK(h.lookup_text("Hamburger SV") == 0);
    CHECK(h.lookup_text("Hamburg") == ner::kCity);
  }
}

TEST_CASE("gazetteer matches begin at capitalised words and mark B, I, L and U", "[ner]") {
  TempFile tmp("CLUB\tPartizan Belgrade Sports Club\nCLUB\tLazio\nSURNAME\tSaid\n");
  ner::Gazetteer g;
  g.load(tmp.path());
  struct Case {
    const char* name;
    const char* text;
    std::vector<std::uint8_t> club;  // MatchCode of each token in the CLUB group
  };
  constexpr int kClubGroup = 8;
  REQUIRE(ner::kGroupMasks[kClubGroup] == ner::kClub);
  const Case cases[] = {
      {"multi-token", "Fans of Partizan Belgrade Sports Club", {0, 0, ner::kBegin, ner::kInside, ner::kInside, ner::kLast}},
      {"one token", "Lazio won", {ner::kUnit, 0}},
      {"lowercase text starts none", "the lazio fans", {0, 0, 0}},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      auto doc = tokenized(c.text);
      REQUIRE(doc.tokens.size() == c.club.size());
      std::vector<std::uint64_t> plain;
      std::vector<std::uint8_t> may_start;
      std::string folded;
      for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
        ner::TokenForms f;
        ner::token_forms(doc.text(i), &folded, &f);
        plain.push_back(f.plain);
        may_start.push_back(f.case_class == ner::CaseClass::kTitle || f.case_class == ner::CaseClass::kUpper);
      }
      ner::GazetteerMatches m;
      g.match(doc, plain, may_start, &m);
      for (std::size_t i = 0; i < c.club.size(); ++i) {
        INFO("token " << i);
        CHECK(m.codes[i * ner::kGazetteerGroups + kClubGroup] == c.club[i]);
        CHECK(((m.groups[i] >> kClubGroup) & 1) == (c.club[i] != 0));
      }
    }
  }
}

TEST_CASE("word clusters are read from bit strings and name their prefixes", "[ner]") {
  TempFile tmp("# header\n0010\tNewmont\t76\n0010\tAlcan\t40\n0011\tLazio\t7\n1\tthe\t9000\n");
  ner::WordClusters wc;
  wc.load_text(tmp.path());
  CHECK(wc.words() == 4);
  CHECK(wc.clusters() == 3);
  int newmont = wc.find(ner::WordClusters::key("Newmont"));
  int alcan = wc.find(ner::WordClusters::key("Alcan"));
  int lazio = wc.find(ner::WordClusters::key("Lazio"));
  REQUIRE(newmont >= 0);
  CHECK(newmont == alcan);
  CHECK(newmont != lazio);
  CHECK(wc.find(ner::WordClusters::key("newmont")) == -1);  // forms are kept as written
  CHECK(wc.find(0) == -1);
  CHECK(wc.prefix(newmont, 3) == wc.prefix(lazio, 3));   // 001 = 001
  CHECK(wc.prefix(newmont, 4) != wc.prefix(lazio, 4));   // 0010 != 0011
  CHECK(wc.prefix(newmont, 20) == wc.prefix(newmont, 4));  // no longer than the string
  CHECK(wc.prefix(newmont, 2) != wc.prefix(newmont, 3));   // lengths differ

  SECTION("the model file's copy reads back the same table") {
    std::string bytes;
    wc.encode(&bytes);
    ner::WordClusters copy;
    std::size_t pos = 0;
    copy.decode(bytes, &pos);
    CHECK(pos == bytes.size());
    CHECK(copy.words() == 4);
    CHECK(copy.prefix(copy.find(ner::WordClusters::key("Alcan")), 4) == wc.prefix(alcan, 4));
  }
}

TEST_CASE("a malformed cluster line is reported with its number", "[ner]") {
  const char* const lines[] = {"0102\tword\t3", "\tword\t3", "0101", "0101\t\t3", "010101010101010101010101010101010\tw\t1"};
  for (const char* line : lines) {
    SECTION(line) {
      TempFile tmp(std::string("0\tok\t1\n") + line + "\n");
      ner::WordClusters wc;
      REQUIRE_THROWS_WITH(wc.load_text(tmp.path()), Catch::Contains(":2: expected BITS<TAB>WORD<TAB>COUNT"));
    }
  }
}

TEST_CASE("the model file keeps transitions exact and token weights relative to O", "[ner]") {
  const std::uint64_t token_key = 0x1234567890abcdefULL;
  std::vector<std::uint64_t> keys = {ner::transition_feature(ner::kTagO), token_key};
  std::vector<float> weights(2 * ner::kNumTags, 0.0f);
  for (int t = 0; t < ner::kNumTags; ++t) {
    weights[static_cast<std::size_t>(t)] = 0.5f * static_cast<float>(t) - 3.0f;        // transitions from O
    weights[ner::kNumTags + static_cast<std::size_t>(t)] = 2.0f - 0.25f * static_cast<float>(t);
  }
  std::size_t written = 0;
  ner::Model model;
  model.decode(ner::encode_model({}, keys, weights, 0.0f, &written));
  CHECK(written == 2);
  CHECK(model.size() == 2);
  float trans[ner::kNumTags] = {};
  model.add_transition(ner::kTagO, trans);
  float token[ner::kNumTags] = {};
  model.add(token_key, token);
  float unknown[ner::kNumTags] = {};
  model.add(token_key + 1, unknown);
  for (int t = 0; t < ner::kNumTags; ++t) {
    INFO("tag " << t);
    CHECK(trans[t] == Approx(weights[static_cast<std::size_t>(t)]).margin(1e-3));
    CHECK(token[t] == Approx(weights[ner::kNumTags + static_cast<std::size_t>(t)] - weights[ner::kNumTags]).margin(1e-3));
    CHECK(unknown[t] == 0.0f);
  }
  REQUIRE_THROWS_WITH(model.decode("NDXNER01 and more"), Catch::Contains("not a newsdex NER model"));
}

namespace {

// Weights of a deterministic pseudo-random model: any feature scores
// every tag.
class RandomWeights {
 public:
  explicit RandomWeights(std::uint64_t seed) : seed_(seed) {}
  void add(std::uint64_t key, float* scores) const {
    for (int t = 0; t < ner::kNumTags; ++t) scores[t] += value(key, t);
  }
  void add_transition(int prev, float* scores) const {
    for (int t = 0; t < ner::kNumTags; ++t) scores[t] += value(0x7777 + static_cast<std::uint64_t>(prev), t);
  }

 private:
  float value(std::uint64_t key, int t) const {
    std::uint64_t h = ner::mix64(key ^ seed_ ^ (static_cast<std::uint64_t>(t) * 0x9e3779b97f4a7c15ULL));
    return static_cast<float>(h % 2001) / 1000.0f - 1.0f;
  }
  std::uint64_t seed_;
};

// A four-token document and its features, for decoding by brute force.
struct FourTokens {
  TempFile gaz{"CITY\tBeta\n"};
  ner::Gazetteer g;
  ner::WordClusters clusters;
  ner::Document doc = tokenized("Alpha Beta Gamma Delta");
  ner::DocFeatures f;
  FourTokens() {
    g.load(gaz.path());
    REQUIRE(doc.tokens.size() == 4);
    ner::compute_features(doc, {&g, &clusters, 0}, &f);
  }
};

// Calls fn(seq, score) for every well-formed sequence of 4 tags, with its
// score as the decoder defines it under w.
template <class Fn>
void each_sequence(const RandomWeights& w, const FourTokens& t, Fn&& fn) {
  std::vector<std::vector<float>> local(4, std::vector<float>(ner::kNumTags, 0.0f));
  for (std::size_t i = 0; i < 4; ++i)
    ner::add_feature_weights(w, t.f.feats.data() + t.f.offsets[i], t.f.offsets[i + 1] - t.f.offsets[i], local[i].data());
  int seq[4];
  for (seq[0] = 0; seq[0] < ner::kNumTags; ++seq[0])
    for (seq[1] = 0; seq[1] < ner::kNumTags; ++seq[1])
      for (seq[2] = 0; seq[2] < ner::kNumTags; ++seq[2])
        for (seq[3] = 0; seq[3] < ner::kNumTags; ++seq[3]) {
          bool ok = true;
          float s = 0;
          int prev = ner::kTagO;
          for (int i = 0; i < 4 && ok; ++i) {
            ok = ner::tag_allowed(prev, seq[i], i == 3);
            float trans[ner::kNumTags] = {};
            w.add_transition(prev, trans);
            s += trans[seq[i]] + local[static_cast<std::size_t>(i)][static_cast<std::size_t>(seq[i])];
            prev = seq[i];
          }
          if (ok) fn(seq, s);
        }
}

}  // namespace

TEST_CASE("Viterbi decoding finds the best well-formed BILOU sequence", "[ner]") {
  const FourTokens t;
  const ner::Document& doc = t.doc;
  const ner::DocFeatures& f = t.f;
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u}) {
    SECTION("seed " + std::to_string(seed)) {
      RandomWeights w(seed);
      std::vector<std::uint8_t> tags;
      ner::History history;
      ner::DecodeScratch scratch;
      ner::viterbi_decode(w, doc, f, &tags, &history, &scratch, [](const ner::Sentence&, const std::uint8_t*) {});
      float best = -1e30f;
      float score_got = -1e30f;
      each_sequence(w, t, [&](const int* seq, float score) {
        best = std::max(best, score);
        if (seq[0] == tags[0] && seq[1] == tags[1] && seq[2] == tags[2] && seq[3] == tags[3]) score_got = score;
      });
      int got[4] = {tags[0], tags[1], tags[2], tags[3]};
      int prev = ner::kTagO;
      for (int i = 0; i < 4; ++i) {
        CHECK(ner::tag_allowed(prev, got[i], i == 3));
        prev = got[i];
      }
      CHECK(score_got == Approx(best).margin(1e-4));
    }
  }
}

TEST_CASE("clean_entities: a role before one name goes, a title of rank stays, a person of roles alone is none",
          "[ner]") {
  using newsdex::Entity;
  using newsdex::EntityType;
  struct Row {
    const char* in;
    const char* out;  // "" when the entity goes
  };
  const Row rows[] = {
      {"Premier Zhao", "Zhao"},
      {"General Musharraf", "Musharraf"},
      {"Vice-Premier Yao Yilin", "Yao Yilin"},
      {"Treasury Secretary James Baker", "James Baker"},
      {"King Hussein", "King Hussein"},      // a title of rank and one name
      {"Prince Charles", "Prince Charles"},
      {"Justice Forbes", "Justice Forbes"},
      {"M.S. Swaminathan", "M.S. Swaminathan"},  // initials, no "Ms"
      {"Chief Executive", ""},
      {"Chief Justice", ""},
  };
  for (const Row& row : rows) {
    INFO(row.in);
    const std::vector<Entity> out = newsdex::ner::clean_entities({Entity{EntityType::person, row.in, 1}});
    std::string persons;
    for (const Entity& e : out) {
      if (e.type == EntityType::person) persons += (persons.empty() ? "" : "|") + e.name;
    }
    CHECK(persons == row.out);
  }
}

TEST_CASE("clean_entities: a class, series or phase with its letter is no name - a chapter of a law is", "[ner]") {
  using newsdex::Entity;
  using newsdex::EntityType;
  const struct {
    const char* in;
    bool kept;
  } rows[] = {{"Class A", false}, {"Class", false}, {"Series B", false}, {"Phase II", false},
              {"Chapter 11", true}, {"Class Action Fund", true}, {"Stage Coach", true}};
  for (const auto& row : rows) {
    INFO(row.in);
    const std::vector<Entity> out = newsdex::ner::clean_entities({Entity{EntityType::misc, row.in, 1}});
    CHECK(!out.empty() == row.kept);
  }
}

TEST_CASE("a tag's margin is the best score with it less the best score without it", "[ner]") {
  const FourTokens t;
  const ner::Document& doc = t.doc;
  const ner::DocFeatures& f = t.f;
  int with_entities = 0;
  for (std::uint64_t seed = 1; seed <= 24; ++seed) {
    INFO("seed " << seed);
    RandomWeights w(seed);
    std::vector<std::uint8_t> tags(4, ner::kTagO);
    std::vector<float> margins(4, -7.0f);  // untouched: no entity tag
    ner::History history;
    history.reset(4);
    ner::DecodeScratch scratch;
    ner::viterbi_decode_sentences(w, doc, f, 0, doc.sentences.size(), tags.data(), &history, &scratch,
                                  [](const ner::Sentence&, const std::uint8_t*) {}, nullptr, 0, margins.data());
    // Per position, the best well-formed sequence keeping the decoded tag
    // there and the best one changing it, by brute force.
    float keep[4] = {-1e30f, -1e30f, -1e30f, -1e30f}, change[4] = {-1e30f, -1e30f, -1e30f, -1e30f};
    each_sequence(w, t, [&](const int* seq, float score) {
      for (int i = 0; i < 4; ++i) {
        float& slot = seq[i] == tags[static_cast<std::size_t>(i)] ? keep[i] : change[i];
        slot = std::max(slot, score);
      }
    });
    const bool entity = std::any_of(tags.begin(), tags.end(), [](std::uint8_t tag) { return tag != ner::kTagO; });
    with_entities += entity;
    for (int i = 0; i < 4; ++i) {
      INFO("token " << i);
      if (!entity) {
        CHECK(margins[static_cast<std::size_t>(i)] == -7.0f);
        continue;
      }
      CHECK(margins[static_cast<std::size_t>(i)] >= 0.0f);
      CHECK(margins[static_cast<std::size_t>(i)] == Approx(keep[i] - change[i]).margin(1e-3));
    }
  }
  CHECK(with_entities >= 8);  // the brute force compared something
}

TEST_CASE("a run of text without a sentence's end is cut into sentences of at most 256 tokens", "[ner]") {
  std::string text;
  for (int i = 0; i < 600; ++i) text += "Word ";
  text += "end. Next sentence.";
  const ner::Document doc = tokenized(text);
  REQUIRE(doc.tokens.size() == 605);
  REQUIRE(doc.sentences.size() == 4);
  CHECK(doc.sentences[0].last - doc.sentences[0].first == 256);
  CHECK(doc.sentences[1].last - doc.sentences[1].first == 256);
  CHECK(doc.sentences[2].last == 602);  // 600 words, "end", "."
  CHECK(doc.sentences[3].first == 602);
}
