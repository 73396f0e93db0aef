#include "readers/json_tree.h"

#include "newsdex/text.h"

#include <algorithm>

namespace newsdex {

bool json_nesting_exceeds(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

std::optional<JsonTree::Index> JsonTree::member(Index i, std::string_view name) const {
  std::optional<Index> found;
  for (Index c = first_child(i); c < after(i); c = after(c))
    if (key(c) == name) found = c;
  return found;
}

const char* JsonTree::kind_name(Kind kind) {
  switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "boolean";
    case Kind::number: return "number";
    case Kind::string: return "string";
    case Kind::array: return "array";
    case Kind::object: return "object";
  }
  return "value";
}

void JsonTree::clear() {
  constexpr std::size_t kKeep = std::size_t{1} << 20;
  if (values_.capacity() * sizeof(Value) > kKeep) {
    std::vector<Value>().swap(values_);
  } else {
    values_.clear();
  }
  if (text_.capacity() > kKeep) {
    std::string().swap(text_);
  } else {
    text_.clear();
  }
}

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// An iterative parser: containers being read are on `stack_`, never on the
// call stack.
class JsonParser {
 public:
  JsonParser(std::string_view s, const JsonParseOptions& options, JsonTree& tree)
      : s_(s), options_(options), tree_(tree) {}

  std::string run() {
    tree_.clear();
    // Unescaped strings, keys and numbers never take more than the text.
    tree_.text_.reserve(s_.size());
    bool store = true;  // whether the value about to be read is kept
    for (;;) {
      // A value.
      skip_ws();
      if (pos_ == s_.size()) return fail("unexpected end of input");
      const char c = s_[pos_];
      if (c == '{' || c == '[') {
        if (stack_.size() >= options_.max_depth)
          return "nested more than " + std::to_string(options_.max_depth) + " levels deep";
        const bool object = c == '{';
        const JsonTree::Index index = store ? add(object ? JsonTree::Kind::object : JsonTree::Kind::array) : 0;
        if (!error_.empty()) return error_;
        ++pos_;
        stack_.push_back({index, object, store});
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == (object ? '}' : ']')) {
          ++pos_;
          close_container();
        } else {
          if (object && !member_name(store)) return error_;
          if (object) store = member_store_;
          continue;
        }
      } else {
        if (!scalar(store)) return error_;
      }
      // After a complete value: close containers, or go on to the next
      // element or member.
      for (;;) {
        skip_ws();
        if (stack_.empty()) {
          if (pos_ != s_.size()) return fail("unexpected '" + shown(s_[pos_]) + "' after the value");
          return {};
        }
        if (pos_ == s_.size()) return fail("unexpected end of input");
        const Frame& top = stack_.back();
        const char d = s_[pos_];
        if (d == ',') {
          ++pos_;
          if (top.object) {
            skip_ws();
            if (!member_name(top.store)) return error_;
            store = member_store_;
          } else {
            store = top.store;
          }
          break;
        }
        if (d == (top.object ? '}' : ']')) {
          ++pos_;
          close_container();
          continue;
        }
        return fail(std::string("expected ',' or '") + (top.object ? "}" : "]") + "', found '" + shown(d) + "'");
      }
    }
  }

 private:
  struct Frame {
    JsonTree::Index index;  // the container's value (when stored)
    bool object;
    bool store;
  };

  void skip_ws() {
    while (pos_ < s_.size() && is_ws(s_[pos_])) ++pos_;
  }

  static std::string shown(char c) {
    if (static_cast<unsigned char>(c) >= 0x20) return std::string(1, c);
    static const char kHex[] = "0123456789abcdef";
    return std::string("\\x") + kHex[(c >> 4) & 0xF] + kHex[c & 0xF];
  }

  // Sets the error, with the position of pos_ in the record.
  std::string fail(const std::string& what) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < pos_ && i < s_.size(); ++i) {
      if (s_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    error_ = what + (line == 1 ? " at column " + std::to_string(column)
                               : " at line " + std::to_string(line) + ", column " + std::to_string(column) +
                                     " of the record");
    return error_;
  }

  JsonTree::Index add(JsonTree::Kind kind) {
    if (tree_.values_.size() >= options_.max_values) {
      error_ = "more than " + std::to_string(options_.max_values) + " values";
      return 0;
    }
    JsonTree::Value v;
    v.kind = kind;
    v.key_begin = pending_key_begin_;
    v.key_size = pending_key_size_;
    pending_key_size_ = 0;
    pending_key_begin_ = 0;
    tree_.values_.push_back(v);
    const auto index = static_cast<JsonTree::Index>(tree_.values_.size() - 1);
    tree_.values_.back().end = index + 1;
    return index;
  }

  void close_container() {
    const Frame f = stack_.back();
    stack_.pop_back();
    if (f.store) tree_.values_[f.index].end = static_cast<JsonTree::Index>(tree_.values_.size());
  }

  // Reads `"name" :` of an object member in a container kept when
  // `container_store`; sets member_store_ and, when kept, the pending key.
  bool member_name(bool container_store) {
    if (pos_ == s_.size() || s_[pos_] != '"') {
      fail(pos_ == s_.size() ? "unexpected end of input" : "expected a member name, found '" + shown(s_[pos_]) + "'");
      return false;
    }
    key_.clear();
    if (!string_body(&key_)) return false;
    skip_ws();
    if (pos_ == s_.size() || s_[pos_] != ':') {
      fail(pos_ == s_.size() ? "unexpected end of input" : "expected ':', found '" + shown(s_[pos_]) + "'");
      return false;
    }
    ++pos_;
    member_store_ = container_store;
    if (member_store_ && stack_.size() == 1 && options_.keep_root_members != nullptr)
      member_store_ = std::binary_search(options_.keep_root_members->begin(), options_.keep_root_members->end(), key_);
    if (member_store_) {
      pending_key_begin_ = static_cast<std::uint32_t>(tree_.text_.size());
      pending_key_size_ = static_cast<std::uint32_t>(key_.size());
      tree_.text_ += key_;
    }
    return true;
  }

  // A string, number, true, false or null at pos_.
  bool scalar(bool store) {
    const char c = s_[pos_];
    std::string& text = tree_.text_;
    const std::size_t begin = text.size();
    JsonTree::Kind kind;
    if (c == '"') {
      kind = JsonTree::Kind::string;
      if (!string_body(store ? &text : nullptr)) return false;
    } else if (c == '-' || is_digit(c)) {
      kind = JsonTree::Kind::number;
      const std::size_t start = pos_;
      if (!number()) return false;
      if (store) text.append(s_.data() + start, pos_ - start);
    } else {
      static constexpr std::string_view kLiterals[] = {"true", "false", "null"};
      std::size_t which = 0;
      while (which < 3 && s_.compare(pos_, kLiterals[which].size(), kLiterals[which]) != 0) ++which;
      if (which == 3) {
        fail("unexpected '" + shown(c) + "'");
        return false;
      }
      pos_ += kLiterals[which].size();
      kind = which == 2 ? JsonTree::Kind::null : JsonTree::Kind::boolean;
      if (store && which < 2) text += kLiterals[which];
    }
    if (!store) return true;
    const JsonTree::Index index = add(kind);
    if (!error_.empty()) return false;
    tree_.values_[index].text_begin = static_cast<std::uint32_t>(begin);
    tree_.values_[index].text_size = static_cast<std::uint32_t>(text.size() - begin);
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at pos_.
  bool number() {
    auto digits = [&] {
      const std::size_t start = pos_;
      while (pos_ < s_.size() && is_digit(s_[pos_])) ++pos_;
      return pos_ > start;
    };
    if (s_[pos_] == '-') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
    } else if (!digits()) {
      fail("invalid number");
      return false;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digits()) {
        fail("invalid number");
        return false;
      }
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digits()) {
        fail("invalid number");
        return false;
      }
    }
    return true;
  }

  // Four hex digits at pos_ (after "\u").
  bool hex4(std::uint32_t& value) {
    if (s_.size() - pos_ < 4) return false;
    value = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = s_[pos_ + static_cast<std::size_t>(k)];
      int d = -1;
      if (h >= '0' && h <= '9') d = h - '0';
      else if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
      if (d < 0) return false;
      value = value * 16 + static_cast<std::uint32_t>(d);
    }
    pos_ += 4;
    return true;
  }

  // A string at pos_ (its opening quote), unescaped into *out (when not
  // null).
  bool string_body(std::string* out) {
    ++pos_;
    for (;;) {
      const std::size_t run = pos_;
      while (pos_ < s_.size()) {
        const auto b = static_cast<unsigned char>(s_[pos_]);
        if (b == '"' || b == '\\' || b < 0x20) break;
        ++pos_;
      }
      if (out != nullptr) out->append(s_.data() + run, pos_ - run);
      if (pos_ == s_.size()) {
        fail("unterminated string");
        return false;
      }
      const char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c != '\\') {
        fail("control character in a string");
        return false;
      }
      ++pos_;
      if (pos_ == s_.size()) {
        fail("unterminated string");
        return false;
      }
      const char e = s_[pos_++];
      char plain = 0;
      switch (e) {
        case '"': plain = '"'; break;
        case '\\': plain = '\\'; break;
        case '/': plain = '/'; break;
        case 'b': plain = '\b'; break;
        case 'f': plain = '\f'; break;
        case 'n': plain = '\n'; break;
        case 'r': plain = '\r'; break;
        case 't': plain = '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) {
            fail("invalid \\u escape");
            return false;
          }
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            const std::size_t saved = pos_;
            if (s_.compare(pos_, 2, "\\u") == 0 && (pos_ += 2, hex4(low)) && low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = saved;
              cp = 0xFFFD;
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          if (out != nullptr) append_utf8(*out, cp);
          continue;
        }
        default:
          --pos_;
          fail("invalid escape '\\" + shown(e) + "'");
          return false;
      }
      if (out != nullptr) *out += plain;
    }
  }

  std::string_view s_;
  const JsonParseOptions& options_;
  JsonTree& tree_;
  std::size_t pos_ = 0;
  std::vector<Frame> stack_;
  std::string key_;
  bool member_store_ = true;
  std::uint32_t pending_key_begin_ = 0, pending_key_size_ = 0;
  std::string error_;
};

std::string parse_json(std::string_view text, const JsonParseOptions& options, JsonTree& tree) {
  return JsonParser(text, options, tree).run();
}

}  // namespace newsdex
