// Near-duplicate articles: a content signature of each article's body and
// the grouping of articles whose bodies are near-identical (exact copies,
// the same story with a changed paragraph or a corrected figure, the same
// wire story under two titles).
//
// The signature is a MinHash of the body's word shingles: the body's words
// as the index has them (Tokenizer, stems, stopwords left out, see
// analyzer.h), each run of kShingleWords consecutive words one shingle,
// and for each of kSignatureValues hash functions the smallest hash of any
// shingle (16 bits of it). Two signatures agree at a position with the
// probability that the two bodies' shingle sets have the same smallest
// member, which is their Jaccard similarity; similarity() is the fraction
// of positions that agree. Identical bodies have identical signatures; a
// body without words has none ("") and is never anybody's duplicate.
//
// Groups are the connected components of "same signature, or near
// duplicates (near_duplicates) dated at most kNearDuplicateDays apart":
// an update, a correction or a syndicated copy comes within days, while a
// template report (a weekly output figure, a daily money market operation)
// repeats its words with other figures week after week and is another item
// each time. Exact copies are grouped whatever their dates, and an undated
// article is near any date.
// A and C are in one group when A is near B and B near C, even if A and C
// are further apart. Candidate pairs come from locality-sensitive hashing
// (the signature cut into bands of kBandValues values: two articles are
// compared when a band is equal), so the work grows with the archive, not
// with its square.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex {

inline constexpr std::size_t kShingleWords = 3;
inline constexpr std::size_t kSignatureValues = 64;
inline constexpr std::size_t kBandValues = 2;
// Bodies of fewer shingles than this are too short to tell an edit from
// another item ("Shr 12 cts vs 10 cts" and "Shr 14 cts vs 10 cts"): they
// are near-duplicates only of bodies with the same signature (in practice
// the same words).
inline constexpr std::size_t kMinNearShingles = 20;
// Estimated Jaccard similarity of the shingle sets from which two bodies
// are near-duplicates. A changed paragraph in five keeps about 0.65, a
// corrected figure about 0.9; distinct stories on one topic share few
// three-word runs (under 0.1 in Reuters-21578).
inline constexpr double kNearDuplicate = 0.5;
inline constexpr long kNearDuplicateDays = 3;

// Builds a signature from the words of one body, in order. Words are the
// analysed terms (stems); feed every word of the body, then take().
class SignatureBuilder {
 public:
  void add_word(std::string_view term);
  // The signature of the words added: kSignatureValues 16-bit values, then
  // the number of shingles (at most 65535), all big-endian
  // (2 * kSignatureValues + 2 bytes); "" when no word was added.
  std::string take();

 private:
  void add_shingle(std::uint64_t shingle);
  std::uint64_t window_[kShingleWords] = {};
  std::size_t words_ = 0;
  std::uint16_t mins_[kSignatureValues] = {};
  std::size_t shingles_ = 0;
  bool any_ = false;
};

// The signature of `body` (its words as make_document indexes them).
std::string content_signature(std::string_view body);

// Estimated Jaccard similarity of the bodies of two signatures, in [0, 1];
// 0 when either is "" or they are not both signatures of this newsdex.
double similarity(std::string_view a, std::string_view b);

// The number of shingles a signature was made from (0 for "").
std::size_t signature_shingles(std::string_view signature);

// True when the bodies of two signatures are near-duplicates: equal
// signatures, or, when both have at least kMinNearShingles shingles,
// similarity(a, b) >= kNearDuplicate.
bool near_duplicates(std::string_view a, std::string_view b);

struct SignedArticle {
  std::string id;         // the article id
  std::string signature;  // content_signature of its body ("" : none)
  std::optional<long> day;  // its date as days since 1970-01-01 (none: undated)
};

// The day (days since 1970-01-01) of a schema::kDateSlot value
// ("YYYYMMDDhhmmss"), nullopt when it is not one.
std::optional<long> day_of_date_value(std::string_view value);

// For each article, the index of its group's representative: the article
// of the group with the smallest id (byte order), so a group keeps its key
// as long as that article stays in it. An article in no group (no near
// duplicate, or no signature) is its own representative.
std::vector<std::size_t> group_duplicates(const std::vector<SignedArticle>& articles);

// Groups the articles of every shard (as one archive) and writes each
// article's group key and size (schema::kDupGroupSlot, kDupSizeSlot) where
// they changed; articles in no group have neither. Marks each shard's
// groups current (schema::kDupGroupsKey). Returns the number of documents
// rewritten. Does not commit. REQUIRES: nothing else writes the shards
// meanwhile. Throws Xapian::Error.
std::uint64_t regroup_duplicates(const std::vector<Xapian::WritableDatabase*>& shards);

// What one run changed in one shard, for update_duplicate_groups.
struct ShardChanges {
  // The shard's groups were current (groups_current) before these changes.
  // False after a run stopped between its changes and its regrouping, or
  // in an index whose groups were never computed: its groups cannot be
  // trusted, and every article is grouped again.
  bool was_current = true;
  // Documents added or replaced this run (their docids now; a docid
  // deleted since is skipped).
  std::vector<Xapian::docid> written;
  // The group keys (kDupGroupSlot) that articles deleted or replaced this
  // run had: those groups may have split.
  std::vector<std::string> left_groups;
};

struct RegroupResult {
  bool full = false;              // the full pass ran (regroup_duplicates)
  std::uint64_t affected = 0;     // articles grouped again
  std::uint64_t rewritten = 0;    // documents whose key or size changed
};

// Incremental regroup_duplicates: groups again only the articles a run's
// changes can affect and writes keys and sizes where they changed, with
// the same result as regroup_duplicates (but see below). The affected set
// is the written articles; the stored articles sharing an LSH band with
// them (found in one pass over every shard's signature slot, the cheapest
// read of the archive there is: no terms, no grouping); every member of
// the groups any of those belongs to; and the remaining members of
// `left_groups`. That set is closed: an edge of the duplicate graph leaving
// it would join two unchanged articles, which were then in one group
// already, so it holds whole components and no group outside it changes.
//
// Runs the full pass instead when a shard's groups were not current
// before the changes (ShardChanges::was_current), and when the
// incremental one would do about as much work: more written articles
// than kIncrementalSeedShare of the archive, or an affected set above
// kIncrementalAffectedShare of it (the incremental pass reads each
// affected article by docid; the full one streams the value slots, which
// costs less per article, and groups every article). Below kIncrementalMinimum
// articles either pass is quick, and the incremental one is kept.
// Measured (bench/README.md, "Where the incremental pass stops paying"):
// the incremental pass costs about 19 us of CPU per affected article, the
// full one about 1.4 us per article of the archive, so they cost the same
// near an affected set of 1/13 of the archive; a written article brings
// 3 (Reuters-21578 + BBC) to 29 (bench's recombined corpus) affected ones
// with it. Hence 1/64 and 1/16: the incremental pass serves runs of a few
// thousand articles into a large archive, the full one larger runs.
//
// Where it may differ from the full pass: group_duplicates compares the
// members of an LSH bucket of more than kBucketPairwise articles (a band
// value shared by that many bodies) only with their neighbours in
// signature order, so which pairs are compared depends on who else is in
// the bucket. A bucket that crossed that size since the pairs in it were
// last grouped can leave a pair joined (or not) that the full pass would
// compare otherwise. Every joined pair is still a near-duplicate pair. The
// results are equal in tests/unit/test_regroup.cc (random adds, edits and
// deletes) and were on Reuters-21578 + BBC after adding, editing and
// deleting a thousand articles (bench/README.md).
//
// REQUIRES: `changes` has one entry per shard, in the order of `shards`,
// and lists every change since the groups were last computed; nothing
// else writes the shards meanwhile. Marks each shard's groups current.
// Does not commit. Throws Xapian::Error.
inline constexpr double kIncrementalSeedShare = 1.0 / 64;
inline constexpr double kIncrementalAffectedShare = 1.0 / 16;
inline constexpr std::size_t kIncrementalMinimum = 2000;
// The limits above, as update_duplicate_groups applies them (the indexer
// takes the defaults; bench/ lifts them to time the incremental pass where
// it would not run).
struct RegroupLimits {
  double seed_share = kIncrementalSeedShare;
  double affected_share = kIncrementalAffectedShare;
  std::size_t minimum = kIncrementalMinimum;
};
RegroupResult update_duplicate_groups(const std::vector<Xapian::WritableDatabase*>& shards,
                                      const std::vector<ShardChanges>& changes, const RegroupLimits& limits = {});

// True when every shard's groups are current (kDupGroupsKey, set by
// regroup_duplicates and cleared by mark_groups_stale).
bool groups_current(const std::vector<Xapian::WritableDatabase*>& shards);

// Records in `shard` (with its next commit) that its articles changed
// since its groups were computed.
void mark_groups_stale(Xapian::WritableDatabase& shard);

}  // namespace newsdex
