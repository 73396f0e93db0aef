#include "newsdex/duplicates.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <xxhash.h>

#include "newsdex/analyzer.h"
#include "newsdex/schema.h"
#include "newsdex/text.h"

namespace newsdex {

namespace {

std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// The values, then the number of shingles (16 bits, saturated).
constexpr std::size_t kSignatureBytes = 2 * kSignatureValues + 2;

std::uint16_t value_at(std::string_view sig, std::size_t k) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(sig[2 * k]) << 8) |
                                    static_cast<unsigned char>(sig[2 * k + 1]));
}

// The values of band `band` of a signature (kBandValues of them), as one
// number.
static_assert(kBandValues <= 2, "a band's values fit band_value's 32 bits");
std::uint32_t band_value(std::string_view sig, std::size_t band) {
  std::uint32_t v = 0;
  for (std::size_t k = 0; k < kBandValues; ++k) v = (v << 16) | value_at(sig, band * kBandValues + k);
  return v;
}

// Union-find over article indexes.
class Components {
 public:
  explicit Components(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::size_t{0}); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

// Articles of one LSH bucket compared pairwise up to this many; a bigger
// bucket (a band value shared by many bodies: boilerplate) compares each
// member with its kBucketNeighbours neighbours in signature order, which
// still joins every set of identical signatures.
constexpr std::size_t kBucketPairwise = 64;
constexpr std::size_t kBucketNeighbours = 8;

}  // namespace

void SignatureBuilder::add_word(std::string_view term) {
  // A word's hash; the shingle is the last kShingleWords words' hashes,
  // each rotated by its place so that order counts.
  std::copy(window_ + 1, window_ + kShingleWords, window_);
  window_[kShingleWords - 1] = XXH3_64bits(term.data(), term.size());
  if (++words_ < kShingleWords) return;
  std::uint64_t shingle = 0;
  for (std::size_t i = 0; i < kShingleWords; ++i) shingle ^= rotl(window_[i], static_cast<int>(17 * i + 1));
  add_shingle(shingle);
}

void SignatureBuilder::add_shingle(std::uint64_t shingle) {
  // Hash function k is h1 + k * h2 (double hashing) scrambled by a
  // multiplicative hash, its top 16 bits kept. Without the scrambling the
  // values of one shingle would be an arithmetic progression: a shingle
  // whose h2 is small would be the smallest at many positions at once, and
  // two bodies sharing it would look alike.
  const std::uint64_t h1 = mix64(shingle);
  const std::uint64_t h2 = mix64(shingle ^ 0x9e3779b97f4a7c15ULL) | 1;
  std::uint64_t h = h1;
  if (!any_) {
    std::fill(std::begin(mins_), std::end(mins_), std::uint16_t{0xffff});
    any_ = true;
  }
  ++shingles_;
  for (std::size_t k = 0; k < kSignatureValues; ++k, h += h2) {
    std::uint64_t x = h ^ (h >> 32);
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    mins_[k] = std::min(mins_[k], static_cast<std::uint16_t>(x >> 48));
  }
}

std::string SignatureBuilder::take() {
  // A body shorter than a shingle is one shingle of all its words.
  if (!any_ && words_ > 0) {
    std::uint64_t shingle = 0;
    for (std::size_t i = kShingleWords - words_; i < kShingleWords; ++i) {
      shingle ^= rotl(window_[i], static_cast<int>(17 * i + 1));
    }
    add_shingle(shingle);
  }
  std::string sig;
  if (any_) {
    sig.resize(kSignatureBytes);
    for (std::size_t k = 0; k < kSignatureValues; ++k) {
      sig[2 * k] = static_cast<char>(mins_[k] >> 8);
      sig[2 * k + 1] = static_cast<char>(mins_[k] & 0xff);
    }
    const std::uint16_t n = static_cast<std::uint16_t>(std::min<std::size_t>(shingles_, 0xffff));
    sig[2 * kSignatureValues] = static_cast<char>(n >> 8);
    sig[2 * kSignatureValues + 1] = static_cast<char>(n & 0xff);
  }
  *this = SignatureBuilder();
  return sig;
}

std::string content_signature(std::string_view body) {
  const Analyzer& analyzer = default_analyzer();
  SignatureBuilder builder;
  Tokenizer words(body);
  while (words.next()) {
    if (analyzer.is_stopword(words.word())) continue;
    builder.add_word(analyzer.stem(words.word()));
  }
  return builder.take();
}

double similarity(std::string_view a, std::string_view b) {
  if (a.size() != kSignatureBytes || b.size() != kSignatureBytes) return 0;
  std::size_t same = 0;
  for (std::size_t k = 0; k < kSignatureValues; ++k) same += value_at(a, k) == value_at(b, k) ? 1 : 0;
  return static_cast<double>(same) / kSignatureValues;
}

std::size_t signature_shingles(std::string_view sig) {
  return sig.size() == kSignatureBytes ? value_at(sig, kSignatureValues) : 0;
}

bool near_duplicates(std::string_view a, std::string_view b) {
  if (a.size() != kSignatureBytes || b.size() != kSignatureBytes) return false;
  if (signature_shingles(a) < kMinNearShingles || signature_shingles(b) < kMinNearShingles) return a == b;
  return similarity(a, b) >= kNearDuplicate;
}

namespace {

// Articles as the grouping compares them, kept flat: each article's
// signature in one buffer (kSignatureBytes bytes each, zeros for an
// article without one) and its day. A million articles take about 140 MB
// here, against about 240 MB as SignedArticle strings, which is what the
// full pass holds at its peak.
class SignatureTable {
 public:
  static constexpr long kUndated = std::numeric_limits<long>::min();

  void reserve(std::size_t n) {
    bytes_.reserve(n * kSignatureBytes);
    signed_.reserve(n);
    day_.reserve(n);
  }
  // Adds an article; a value that is not a signature of this newsdex is
  // kept as none (the article is nobody's duplicate).
  void add(std::string_view signature, std::optional<long> day) {
    const bool ok = signature.size() == kSignatureBytes;
    if (ok) {
      bytes_.append(signature);
    } else {
      bytes_.append(kSignatureBytes, '\0');
    }
    signed_.push_back(ok);
    day_.push_back(day ? *day : kUndated);
  }
  std::size_t size() const { return signed_.size(); }
  bool has_signature(std::size_t i) const { return signed_[i]; }
  std::string_view signature(std::size_t i) const {
    return std::string_view(bytes_.data() + i * kSignatureBytes, kSignatureBytes);
  }
  // Close enough in time to be one item: within kNearDuplicateDays, or
  // either undated.
  bool close_in_time(std::size_t a, std::size_t b) const {
    return day_[a] == kUndated || day_[b] == kUndated || std::labs(day_[a] - day_[b]) <= kNearDuplicateDays;
  }

 private:
  std::string bytes_;
  std::vector<bool> signed_;
  std::vector<long> day_;
};

// Sorts (band value << 32 | article) words whose articles were pushed in
// ascending order, as std::sort would: by band value, then article. A
// stable radix sort on the band value's two 16-bit halves (two passes over
// the words) keeps the articles' order; at a million articles it is several
// times quicker than std::sort, and the full pass sorts once per band.
void sort_bucket(std::vector<std::uint64_t>& words, std::vector<std::uint64_t>& scratch) {
  if (words.size() < 4096) {
    std::sort(words.begin(), words.end());
    return;
  }
  scratch.resize(words.size());
  std::vector<std::size_t> count(std::size_t{1} << 16);
  for (const int shift : {32, 48}) {
    std::fill(count.begin(), count.end(), 0);
    for (const std::uint64_t w : words) ++count[(w >> shift) & 0xffff];
    std::size_t at = 0;
    for (std::size_t& c : count) at += std::exchange(c, at);
    for (const std::uint64_t w : words) scratch[count[(w >> shift) & 0xffff]++] = w;
    words.swap(scratch);
  }
}

// The components of the duplicate graph of `table` (see group_duplicates),
// each article's root being the smallest index of its component.
// REQUIRES: table.size() < 2^32 (an article's index is packed with a band
// value into 64 bits).
Components link_duplicates(const SignatureTable& table) {
  const std::size_t n = table.size();
  if (n > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("too many articles to group at once");
  Components groups(n);
  const auto try_join = [&](std::size_t a, std::size_t b) {
    if (groups.find(a) == groups.find(b)) return;
    const std::string_view x = table.signature(a);
    const std::string_view y = table.signature(b);
    if (x == y || (table.close_in_time(a, b) && near_duplicates(x, y))) groups.join(a, b);
  };
  // One band at a time: (band value << 32 | article), sorted, so that an
  // LSH bucket is a run of equal high halves, its members in index order.
  std::vector<std::uint64_t> bucket;
  std::vector<std::uint64_t> scratch;
  bucket.reserve(n);
  std::vector<std::size_t> members;
  for (std::size_t band = 0; band < kSignatureValues / kBandValues; ++band) {
    bucket.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (table.has_signature(i)) bucket.push_back(std::uint64_t{band_value(table.signature(i), band)} << 32 | i);
    }
    sort_bucket(bucket, scratch);
    for (std::size_t start = 0; start < bucket.size();) {
      std::size_t end = start + 1;
      while (end < bucket.size() && bucket[end] >> 32 == bucket[start] >> 32) ++end;
      const std::size_t size = end - start;
      const auto article = [&](std::size_t k) { return static_cast<std::size_t>(bucket[k] & 0xffffffffu); };
      if (size > 1 && size <= kBucketPairwise) {
        for (std::size_t i = start; i < end; ++i) {
          for (std::size_t j = i + 1; j < end; ++j) try_join(article(i), article(j));
        }
      } else if (size > kBucketPairwise) {
        members.clear();
        for (std::size_t i = start; i < end; ++i) members.push_back(article(i));
        std::sort(members.begin(), members.end(),
                  [&](std::size_t a, std::size_t b) { return table.signature(a) < table.signature(b); });
        for (std::size_t i = 0; i < members.size(); ++i) {
          for (std::size_t j = i + 1; j < members.size() && j <= i + kBucketNeighbours; ++j) {
            try_join(members[i], members[j]);
          }
        }
      }
      start = end;
    }
  }
  return groups;
}

}  // namespace

std::vector<std::size_t> group_duplicates(const std::vector<SignedArticle>& articles) {
  const std::size_t n = articles.size();
  SignatureTable table;
  table.reserve(n);
  for (const SignedArticle& a : articles) table.add(a.signature, a.day);
  Components groups = link_duplicates(table);
  // Each component's representative: its smallest id.
  std::vector<std::size_t> rep(n, n);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t& r = rep[groups.find(i)];
    if (r == n || articles[i].id < articles[r].id) r = i;
  }
  std::vector<std::size_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = rep[groups.find(i)];
  return out;
}

std::optional<long> day_of_date_value(std::string_view value) {
  if (value.size() < 8) return std::nullopt;
  long ymd[3] = {0, 0, 0};
  const std::size_t widths[3] = {4, 2, 2};
  std::size_t at = 0;
  for (int f = 0; f < 3; ++f) {
    for (std::size_t i = 0; i < widths[f]; ++i, ++at) {
      if (value[at] < '0' || value[at] > '9') return std::nullopt;
      ymd[f] = ymd[f] * 10 + (value[at] - '0');
    }
  }
  // Days from the civil date (proleptic Gregorian), Howard Hinnant's method.
  const long y = ymd[1] <= 2 ? ymd[0] - 1 : ymd[0];
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (ymd[1] + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + ymd[2] - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool groups_current(const std::vector<Xapian::WritableDatabase*>& shards) {
  return std::all_of(shards.begin(), shards.end(), [](Xapian::WritableDatabase* db) {
    return db->get_metadata(std::string(schema::kDupGroupsKey)) == "1";
  });
}

void mark_groups_stale(Xapian::WritableDatabase& shard) {
  shard.set_metadata(std::string(schema::kDupGroupsKey), std::string());
}

namespace {

// An article's document: its shard and docid.
struct Where {
  std::size_t shard;
  Xapian::docid docid;
  bool operator<(const Where& o) const { return shard != o.shard ? shard < o.shard : docid < o.docid; }
  bool operator==(const Where& o) const { return shard == o.shard && docid == o.docid; }
};

// A stored article as group_duplicates takes it.
SignedArticle signed_article(const Xapian::Document& doc) {
  SignedArticle a;
  a.id = doc.get_value(schema::kIdSlot);
  a.signature = doc.get_value(schema::kSignatureSlot);
  a.day = day_of_date_value(doc.get_value(schema::kDateSlot));
  return a;
}

// The bands (band number and values) of some signatures, and whether
// another signature shares one of them: the LSH candidate test of
// group_duplicates, against a few signatures, for every stored one.
class BandSet {
 public:
  // The bands of the signatures of articles[0, n).
  BandSet(const std::vector<SignedArticle>& articles, std::size_t n) : filter_(kFilterBits / 64, 0) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& sig = articles[i].signature;
      if (sig.size() != kSignatureBytes) continue;
      for (std::size_t band = 0; band < kBands; ++band) {
        const std::uint64_t key = band_key(sig, band);
        keys_.insert(key);
        const std::uint64_t bit = slot(key);
        filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
      }
    }
  }
  bool empty() const { return keys_.empty(); }
  // True when `sig` is a signature with a band equal to one of the set's.
  bool shares_band(std::string_view sig) const {
    if (sig.size() != kSignatureBytes) return false;
    for (std::size_t band = 0; band < kBands; ++band) {
      const std::uint64_t key = band_key(sig, band);
      const std::uint64_t bit = slot(key);
      if ((filter_[bit / 64] >> (bit % 64) & 1) != 0 && keys_.count(key) != 0) return true;
    }
    return false;
  }

 private:
  static constexpr std::size_t kBands = kSignatureValues / kBandValues;
  // A bit per hash of a key, so that most bands of most stored signatures
  // are rejected without a hash table lookup (128 KiB).
  static constexpr std::uint64_t kFilterBits = std::uint64_t{1} << 20;
  static std::uint64_t band_key(std::string_view sig, std::size_t band) {
    return (static_cast<std::uint64_t>(band) << 32) | band_value(sig, band);
  }
  static std::uint64_t slot(std::uint64_t key) { return mix64(key) & (kFilterBits - 1); }
  std::unordered_set<std::uint64_t> keys_;
  std::vector<std::uint64_t> filter_;
};

}  // namespace

std::uint64_t regroup_duplicates(const std::vector<Xapian::WritableDatabase*>& shards) {
  // Every signed article of every shard, read from the value streams, in
  // (shard, docid) order.
  SignatureTable table;
  std::vector<Where> where;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    Xapian::Database& db = *shards[s];
    const Xapian::doccount docs = db.get_value_freq(schema::kSignatureSlot);
    table.reserve(table.size() + docs);
    where.reserve(where.size() + docs);
    Xapian::ValueIterator dates = db.valuestream_begin(schema::kDateSlot);
    for (auto it = db.valuestream_begin(schema::kSignatureSlot); it != db.valuestream_end(schema::kSignatureSlot);
         ++it) {
      const Xapian::docid docid = it.get_docid();
      std::optional<long> day;
      if (dates != db.valuestream_end(schema::kDateSlot)) dates.skip_to(docid);
      if (dates != db.valuestream_end(schema::kDateSlot) && dates.get_docid() == docid) day = day_of_date_value(*dates);
      table.add(*it, day);
      where.push_back({s, docid});
    }
  }
  Components groups = link_duplicates(table);
  const std::size_t n = table.size();
  std::vector<std::uint32_t> size(n, 0);
  for (std::size_t i = 0; i < n; ++i) ++size[groups.find(i)];

  // The ids of the grouped articles (only they need one: a group's key is
  // its smallest id), read from the id stream, and each group's key.
  std::vector<std::size_t> grouped;  // indexes into table, in (shard, docid) order
  for (std::size_t i = 0; i < n; ++i) {
    if (size[groups.find(i)] >= 2) grouped.push_back(i);
  }
  std::vector<std::string> id(grouped.size());
  for (std::size_t g = 0; g < grouped.size();) {
    const std::size_t s = where[grouped[g]].shard;
    Xapian::Database& db = *shards[s];
    Xapian::ValueIterator ids = db.valuestream_begin(schema::kIdSlot);
    for (; g < grouped.size() && where[grouped[g]].shard == s; ++g) {
      const Xapian::docid docid = where[grouped[g]].docid;
      if (ids != db.valuestream_end(schema::kIdSlot)) ids.skip_to(docid);
      if (ids != db.valuestream_end(schema::kIdSlot) && ids.get_docid() == docid) id[g] = *ids;
    }
  }
  // The position in `grouped` of each group's representative, by root.
  std::unordered_map<std::size_t, std::size_t> rep;
  for (std::size_t g = 0; g < grouped.size(); ++g) {
    auto [it, added] = rep.emplace(groups.find(grouped[g]), g);
    if (!added && id[g] < id[it->second]) it->second = g;
  }

  // The key and size each article should have ("" : none), by shard and docid.
  std::vector<std::unordered_map<Xapian::docid, std::pair<std::string, std::string>>> want(shards.size());
  for (std::size_t g = 0; g < grouped.size(); ++g) {
    const std::size_t root = groups.find(grouped[g]);
    want[where[grouped[g]].shard][where[grouped[g]].docid] = {id[rep.at(root)], std::to_string(size[root])};
  }
  std::uint64_t rewritten = 0;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    Xapian::WritableDatabase& db = *shards[s];
    std::vector<std::pair<Xapian::docid, std::pair<std::string, std::string>>> changes;
    // Articles that have a group now or had one: the ones to check.
    std::unordered_map<Xapian::docid, std::pair<std::string, std::string>> have;
    for (auto it = db.valuestream_begin(schema::kDupGroupSlot); it != db.valuestream_end(schema::kDupGroupSlot);
         ++it) {
      have[it.get_docid()].first = *it;
    }
    for (auto it = db.valuestream_begin(schema::kDupSizeSlot); it != db.valuestream_end(schema::kDupSizeSlot);
         ++it) {
      have[it.get_docid()].second = *it;
    }
    for (const auto& [docid, kv] : want[s]) {
      auto h = have.find(docid);
      if (h == have.end() || h->second != kv) changes.emplace_back(docid, kv);
    }
    for (const auto& [docid, kv] : have) {
      if (!want[s].count(docid)) changes.emplace_back(docid, std::pair<std::string, std::string>());
    }
    std::sort(changes.begin(), changes.end());
    for (const auto& [docid, kv] : changes) {
      // Only values change: Xapian keeps the document's postings.
      Xapian::Document doc = db.get_document(docid);
      // An empty value removes the slot.
      doc.add_value(schema::kDupGroupSlot, kv.first);
      doc.add_value(schema::kDupSizeSlot, kv.second);
      db.replace_document(docid, doc);
      ++rewritten;
    }
    // A shard left as it was is not written (nothing to commit).
    if (db.get_metadata(std::string(schema::kDupGroupsKey)) != "1") db.set_metadata(std::string(schema::kDupGroupsKey), "1");
  }
  return rewritten;
}

RegroupResult update_duplicate_groups(const std::vector<Xapian::WritableDatabase*>& shards,
                                      const std::vector<ShardChanges>& changes, const RegroupLimits& limits) {
  RegroupResult result;
  Xapian::doccount archive = 0;
  for (Xapian::WritableDatabase* db : shards) archive += db->get_doccount();
  const auto full = [&] {
    result = RegroupResult{};
    result.full = true;
    result.affected = archive;
    result.rewritten = regroup_duplicates(shards);
    return result;
  };
  // The affected articles, and what they are (read once each).
  std::vector<Where> where;
  std::vector<SignedArticle> articles;
  std::set<Where> seen;
  std::vector<std::string> keys;  // the group keys (kDupGroupSlot) to take whole
  const auto take = [&](const Where& w, const Xapian::Document& doc) {
    if (!seen.insert(w).second) return false;
    where.push_back(w);
    articles.push_back(signed_article(doc));
    std::string key = doc.get_value(schema::kDupGroupSlot);
    if (!key.empty()) keys.push_back(std::move(key));
    return true;
  };

  // The written articles.
  std::size_t seeds = 0;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    if (!changes[s].was_current) return full();
    seeds += changes[s].written.size();
    for (const std::string& key : changes[s].left_groups) keys.push_back(key);
  }
  const auto too_many = [&](std::size_t n, double share) {
    return n > limits.minimum && static_cast<double>(n) > share * archive;
  };
  if (too_many(seeds, limits.seed_share)) return full();
  for (std::size_t s = 0; s < shards.size(); ++s) {
    for (const Xapian::docid docid : changes[s].written) {
      Xapian::Document doc;
      try {
        doc = shards[s]->get_document(docid);
      } catch (const Xapian::DocNotFoundError&) {
        continue;  // deleted later in the run
      }
      take({s, docid}, doc);
    }
  }
  const std::size_t written = articles.size();

  // Their candidates: the stored articles sharing a band with one of them,
  // found in one pass over each shard's signatures (the slot's value
  // stream, about 130 bytes an article, nothing else read).
  const BandSet bands(articles, written);
  if (!bands.empty()) {
    for (std::size_t s = 0; s < shards.size(); ++s) {
      Xapian::WritableDatabase& db = *shards[s];
      for (auto it = db.valuestream_begin(schema::kSignatureSlot); it != db.valuestream_end(schema::kSignatureSlot);
           ++it) {
        if (!bands.shares_band(*it) || seen.count({s, it.get_docid()})) continue;
        take({s, it.get_docid()}, db.get_document(it.get_docid()));
        if (too_many(articles.size(), limits.affected_share)) return full();
      }
    }
  }

  // Whole groups: every member of a group an affected article belongs to,
  // or a deleted or replaced one belonged to. Only grouped articles have
  // the key slot, so one pass over its values finds them.
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (!keys.empty()) {
    const std::unordered_set<std::string> wanted(keys.begin(), keys.end());
    for (std::size_t s = 0; s < shards.size(); ++s) {
      Xapian::WritableDatabase& db = *shards[s];
      for (auto it = db.valuestream_begin(schema::kDupGroupSlot); it != db.valuestream_end(schema::kDupGroupSlot);
           ++it) {
        if (!wanted.count(*it) || seen.count({s, it.get_docid()})) continue;
        take({s, it.get_docid()}, db.get_document(it.get_docid()));
        if (too_many(articles.size(), limits.affected_share)) return full();
      }
    }
  }
  // (take() may have added keys of articles found by key: they are keys
  // already looked for, as the groups were current.)

  result.affected = articles.size();
  const std::vector<std::size_t> rep = group_duplicates(articles);
  std::vector<std::uint64_t> size(articles.size(), 0);
  for (std::size_t r : rep) ++size[r];
  std::vector<std::size_t> order(articles.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return where[a] < where[b]; });
  for (const std::size_t i : order) {
    const std::uint64_t n = size[rep[i]];
    const std::string key = n < 2 ? std::string() : articles[rep[i]].id;
    const std::string count = n < 2 ? std::string() : std::to_string(n);
    Xapian::WritableDatabase& db = *shards[where[i].shard];
    Xapian::Document doc = db.get_document(where[i].docid);
    if (doc.get_value(schema::kDupGroupSlot) == key && doc.get_value(schema::kDupSizeSlot) == count) continue;
    // Only values change: Xapian keeps the document's postings. An empty
    // value removes the slot.
    doc.add_value(schema::kDupGroupSlot, key);
    doc.add_value(schema::kDupSizeSlot, count);
    db.replace_document(where[i].docid, doc);
    ++result.rewritten;
  }
  for (Xapian::WritableDatabase* db : shards) {
    if (db->get_metadata(std::string(schema::kDupGroupsKey)) != "1") db->set_metadata(std::string(schema::kDupGroupsKey), "1");
  }
  return result;
}

}  // namespace newsdex
