#include "ner_clusters.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <stdexcept>

#include "ner_text.h"
#include "ner_binary.h"

namespace newsdex::ner {
namespace {

using binary::get;
using binary::put;

}  // namespace

std::uint64_t WordClusters::key(std::string_view word) {
  return hash_mapped_bytes(word, kKeySeed, [](unsigned char c) {
    return c >= '1' && c <= '9' ? static_cast<unsigned char>('0') : c;
  });
}

void WordClusters::insert(std::uint64_t key, int cluster) {
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = key & mask;; i = (i + 1) & mask) {
    if (slots_[i].key == key) return;  // the first line of a word wins
    if (slots_[i].key == 0) {
      slots_[i] = {key, cluster};
      ++words_;
      return;
    }
  }
}

void WordClusters::rebuild(const std::vector<std::uint64_t>& keys, const std::vector<std::uint16_t>& clusters) {
  // Load factor at most 1/2.
  std::size_t cap = 16;
  while (cap < keys.size() * 2) cap *= 2;
  slots_.assign(cap, Slot{});
  words_ = 0;
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] != 0) insert(keys[i], clusters[i]);
}

void WordClusters::load_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::map<std::string, int> path_index;
  std::vector<std::uint64_t> keys;
  std::vector<std::uint16_t> clusters;
  paths_.clear();
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    auto t1 = line.find('\t');
    auto t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    auto bad = [&] { return std::runtime_error(path + ":" + std::to_string(n) + ": expected BITS<TAB>WORD<TAB>COUNT"); };
    if (t2 == std::string::npos || t1 == 0 || t1 > 32 || t2 == t1 + 1) throw bad();
    std::string bits = line.substr(0, t1);
    if (bits.find_first_not_of("01") != std::string::npos) throw bad();
    auto [it, fresh] = path_index.try_emplace(bits, static_cast<int>(paths_.size()));
    if (fresh) {
      if (paths_.size() >= 65535) throw std::runtime_error(path + ": more than 65535 clusters");
      Path p;
      for (char c : bits) p.bits = p.bits << 1 | static_cast<std::uint32_t>(c - '0');
      p.len = static_cast<int>(bits.size());
      paths_.push_back(p);
    }
    keys.push_back(key(std::string_view(line).substr(t1 + 1, t2 - t1 - 1)));
    clusters.push_back(static_cast<std::uint16_t>(it->second));
  }
  if (in.bad()) throw std::runtime_error("read error in " + path);
  rebuild(keys, clusters);
}

// Format: u32 path count, per path u8 length and u32 bits; u32 word
// count, per word u64 key and u16 path index; in slot order, so that the
// same table gives the same bytes.
void WordClusters::encode(std::string* out) const {
  put(out, static_cast<std::uint32_t>(paths_.size()));
  for (const auto& p : paths_) {
    put(out, static_cast<std::uint8_t>(p.len));
    put(out, p.bits);
  }
  put(out, static_cast<std::uint32_t>(words_));
  for (const auto& s : slots_)
    if (s.key != 0) {
      put(out, s.key);
      put(out, static_cast<std::uint16_t>(s.cluster));
    }
}

void WordClusters::decode(const std::string& data, std::size_t* pos) {
  auto npaths = get<std::uint32_t>(data, pos);
  if (npaths > 65535) throw std::runtime_error("too many clusters");
  paths_.assign(npaths, Path{});
  for (auto& p : paths_) {
    p.len = get<std::uint8_t>(data, pos);
    p.bits = get<std::uint32_t>(data, pos);
    if (p.len < 1 || p.len > 32) throw std::runtime_error("bad cluster path length");
  }
  auto nwords = get<std::uint32_t>(data, pos);
  if (nwords > data.size()) throw std::runtime_error("truncated");
  std::vector<std::uint64_t> keys(nwords);
  std::vector<std::uint16_t> clusters(nwords);
  for (std::uint32_t i = 0; i < nwords; ++i) {
    keys[i] = get<std::uint64_t>(data, pos);
    clusters[i] = get<std::uint16_t>(data, pos);
    if (keys[i] == 0 || clusters[i] >= npaths) throw std::runtime_error("bad cluster entry");
  }
  rebuild(keys, clusters);
}

}  // namespace newsdex::ner
