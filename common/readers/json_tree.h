// JSON as the JSON reader needs it (private to common/): one record parsed
// into a flat tree, numbers kept as written, nesting and size bounded. Not
// nlohmann::json, whose parser turns numbers into doubles or 64-bit
// integers ("18446744073709551616" becomes 1.8446744073709552e+19, "-0"
// becomes 0) and refuses 1e400, while an id or title must keep the text
// it was written as.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// The deepest nesting of arrays and objects newsdex reads in any JSON it
// is given (records, JSON-LD): real exports nest a few levels; deeper input
// is refused before anything recurses over it.
inline constexpr std::size_t kMaxJsonDepth = 100;

// True when `text` nests arrays and objects more than `max_depth` levels
// deep, counting brackets outside strings (`text` need not be valid JSON).
bool json_nesting_exceeds(std::string_view text, std::size_t max_depth);

// A parsed JSON value: every value in one array, in document order (a
// value's children follow it, up to its `end`), every string in one
// buffer. Walking it needs no recursion, destroying it none either.
class JsonTree {
 public:
  using Index = std::uint32_t;
  enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

  // The root value is 0. REQUIRES for all: i < size().
  std::size_t size() const { return values_.size(); }
  Kind kind(Index i) const { return values_[i].kind; }
  // A string's value (unescaped UTF-8), a number as written, "true" or
  // "false"; empty for null, arrays and objects.
  std::string_view text(Index i) const { return view(values_[i].text_begin, values_[i].text_size); }
  // The member name of a value inside an object (else empty).
  std::string_view key(Index i) const { return view(values_[i].key_begin, values_[i].key_size); }
  // Children of array or object i: from first_child(i), each next one at
  // after(child), while < after(i).
  Index first_child(Index i) const { return i + 1; }
  Index after(Index i) const { return values_[i].end; }
  // The member of object i named `name` (the last one when the name is
  // repeated, as in most parsers), or nullopt. REQUIRES: kind(i) == object.
  std::optional<Index> member(Index i, std::string_view name) const;

  // "null", "boolean", "number", "string", "array", "object".
  static const char* kind_name(Kind kind);

  // Empties the tree, keeping its memory for the next parse unless it is
  // large.
  void clear();

 private:
  friend class JsonParser;
  struct Value {
    Kind kind = Kind::null;
    Index end = 0;  // one past the last value of this value's subtree
    std::uint32_t key_begin = 0, key_size = 0;
    std::uint32_t text_begin = 0, text_size = 0;
  };
  std::string_view view(std::uint32_t begin, std::uint32_t size) const {
    return std::string_view(text_.data() + begin, size);
  }
  std::vector<Value> values_;
  std::string text_;
};

struct JsonParseOptions {
  std::size_t max_depth = kMaxJsonDepth;
  // More values than this fail the parse (the tree costs 24 bytes a value).
  std::size_t max_values = std::size_t(-1);
  // When set (sorted), members of the root object whose names are not in
  // it are checked but not stored.
  const std::vector<std::string>* keep_root_members = nullptr;
};

// Parses `text`, one JSON value (RFC 8259, whitespace around it allowed),
// into `tree`. Returns "" on success, else one line saying what is wrong
// and where, e.g. "unexpected ',' at column 12", "unexpected end of input
// at line 3, column 1 of the record", "nested more than 100 levels deep",
// "more than 1000 values". REQUIRES: text.size() < 4 GiB and `text` is
// valid UTF-8 (strings are copied as they are). An unpaired \u surrogate
// becomes U+FFFD.
std::string parse_json(std::string_view text, const JsonParseOptions& options, JsonTree& tree);

}  // namespace newsdex
