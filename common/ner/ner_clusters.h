// Word clusters for the tagger: the bit string (path in a binary merge
// tree) of each word of unlabeled news text, from newsdex-ner-clusters.
// Words of one cluster occur in similar contexts ("Newmont", "Alcan",
// "Occidental"), so a name never seen in training shares features with
// names that were.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::ner {

class WordClusters {
 public:
  // Reads newsdex-ner-clusters' table: "BITS<TAB>WORD<TAB>COUNT" lines,
  // '#' comments. Throws std::runtime_error with the line number on a
  // malformed line (BITS must be 1-32 characters of 0 and 1).
  void load_text(const std::string& path);

  // Appends the table in binary form to *out (for the model file).
  void encode(std::string* out) const;
  // Reads encode()'s bytes at data[*pos], advancing *pos. Throws
  // std::runtime_error when they are truncated or inconsistent.
  void decode(const std::string& data, std::size_t* pos);

  // The key of a word form: hash_bytes() of it with digits 1-9 read as 0,
  // seed kKeySeed; the tagger's word feature hashes words the same way.
  static constexpr std::uint64_t kKeySeed = 12;
  static std::uint64_t key(std::string_view word);

  // The cluster of the word with this key, or -1 when the word is not in
  // the table (or the key is 0).
  int find(std::uint64_t key) const {
    if (key == 0 || slots_.empty()) return -1;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
      if (slots_[i].key == key) return slots_[i].cluster;
      if (slots_[i].key == 0) return -1;
    }
  }

  // Starts fetching the slot find(key) reads first.
  void prefetch(std::uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[key & (slots_.size() - 1)]);
  }

  // A value naming the first `len` bits of cluster c's bit string (all of
  // it when shorter): equal for two clusters exactly when those prefixes
  // are. Never 0. REQUIRES: 0 <= c < clusters(), len >= 1.
  std::uint64_t prefix(int c, int len) const {
    const Path& p = paths_[static_cast<std::size_t>(c)];
    int n = len < p.len ? len : p.len;
    return (static_cast<std::uint64_t>(n + 1) << 32) | (p.bits >> (p.len - n));
  }

  std::size_t clusters() const { return paths_.size(); }
  std::size_t words() const { return words_; }
  bool empty() const { return words_ == 0; }

 private:
  struct Path {
    std::uint32_t bits = 0;  // the bit string, first bit highest
    int len = 0;
  };
  struct Slot {
    std::uint64_t key = 0;  // 0: empty
    std::int32_t cluster = -1;
  };
  void insert(std::uint64_t key, int cluster);
  void rebuild(const std::vector<std::uint64_t>& keys, const std::vector<std::uint16_t>& clusters);

  std::vector<Path> paths_;
  std::vector<Slot> slots_;
  std::size_t words_ = 0;
};

}  // namespace newsdex::ner
