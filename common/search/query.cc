#include "newsdex/query.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>
#include <unordered_set>

#include "newsdex/analyzer.h"
#include "newsdex/dates.h"
#include "newsdex/document.h"
#include "newsdex/schema.h"
#include "newsdex/identity.h"
#include "newsdex/language.h"
#include "newsdex/text.h"

namespace newsdex {

namespace {

using Query = Xapian::Query;

// Deepest nesting of parentheses accepted (the parser recurses once per
// level).
constexpr int kMaxDepth = 100;
// NEAR and ADJ without /n, as in Xapian.
constexpr Xapian::termcount kDefaultWindow = 10;
constexpr Xapian::termcount kMaxWindow = 1000;

// ---- Dates ----

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

std::string stamp(int y, int mo, int d, int h, int mi, int s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", y, mo, d, h, mi, s);
  return buf;
}

// The start (or, with `is_end`, the last second) of the period `text`
// names, as a date slot value: "2025" is the year, "2025-10" the month,
// "2025-10-15" the day (also with / or no separators: 20251015); any other
// form parse_date reads is its day when it has no time, else that second.
std::optional<std::string> period_bound(std::string_view text, bool is_end) {
  std::string digits;
  bool simple = true;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != '-' && c != '/') {
      simple = false;
      break;
    }
  }
  if (simple && (digits.size() == 4 || digits.size() == 6 || digits.size() == 8) &&
      (digits.size() == text.size() || text.size() == digits.size() + (digits.size() - 4) / 2)) {
    const int y = std::stoi(digits.substr(0, 4));
    const int mo = digits.size() >= 6 ? std::stoi(digits.substr(4, 2)) : (is_end ? 12 : 1);
    if (mo < 1 || mo > 12) return std::nullopt;
    const int d = digits.size() == 8 ? std::stoi(digits.substr(6, 2))
                                     : (is_end ? days_in_month(y, mo) : 1);
    if (d < 1 || d > days_in_month(y, mo)) return std::nullopt;
    return is_end ? stamp(y, mo, d, 23, 59, 59) : stamp(y, mo, d, 0, 0, 0);
  }
  if (all_digits(text)) return std::nullopt;
  std::optional<UnixTime> t = parse_date(text);
  if (!t) return std::nullopt;
  std::string v = date_slot_value(*t);
  // A date written without a time covers its whole day.
  if (is_end && v.compare(8, 6, "000000") == 0) v.replace(8, 6, "235959");
  return v;
}

constexpr const char* kDateForms =
    "use date:YYYY, date:YYYY-MM or date:YYYY-MM-DD for a whole year, month or day, "
    "or date:FROM..TO with either end open";

// `date:VALUE`: a single period, or FROM..TO.
Query date_query(std::string_view value) {
  const std::string field = std::string(schema::kDateField) + ":";
  const std::string written = field + std::string(value);
  const std::size_t dots = value.find("..");
  if (dots == std::string_view::npos) {
    const auto b = period_bound(value, false);
    const auto e = period_bound(value, true);
    if (!b || !e) throw QueryError(written + ": not a date (" + kDateForms + ")");
    return Query(Query::OP_VALUE_RANGE, schema::kDateSlot, *b, *e);
  }
  const std::string_view begin = value.substr(0, dots);
  const std::string_view end = value.substr(dots + 2);
  if (begin.empty() && end.empty()) throw QueryError(written + ": date range with no ends (" + kDateForms + ")");
  std::optional<std::string> b, e;
  if (!begin.empty()) {
    b = period_bound(begin, false);
    if (!b) throw QueryError(written + ": not a date in date range: '" + std::string(begin) + "' (" + kDateForms + ")");
  }
  if (!end.empty()) {
    e = period_bound(end, true);
    if (!e) throw QueryError(written + ": not a date in date range: '" + std::string(end) + "' (" + kDateForms + ")");
  }
  if (b && e && *b > *e) throw QueryError(written + ": date range ends before it starts");
  if (!b) return Query(Query::OP_VALUE_LE, schema::kDateSlot, *e);
  if (!e) return Query(Query::OP_VALUE_GE, schema::kDateSlot, *b);
  return Query(Query::OP_VALUE_RANGE, schema::kDateSlot, *b, *e);
}

// ---- Fields ----

// A field as the query names it.
struct FieldRef {
  enum class Kind { none, text, filter, any_entity, id, language, topic, date, like } kind = Kind::none;
  std::string_view name;    // as in the schema
  std::string_view prefix;  // text fields
  EntityType entity = EntityType::misc;  // filter fields
};

FieldRef find_query_field(std::string_view name) {
  using K = FieldRef::Kind;
  if (name == schema::kDateField) return {K::date, schema::kDateField, {}};
  if (name == schema::kAnyEntityField) return {K::any_entity, schema::kAnyEntityField, {}};
  if (name == schema::kLikeField) return {K::like, schema::kLikeField, {}};
  if (const std::optional<EntityType> type = entity_type_named(name)) {
    return {K::filter, name_of(*type), schema::entity_field(*type).prefix, *type};
  }
  const schema::Field* f = schema::find_field(name);
  if (f == nullptr) return {};
  if (f->kind == schema::FieldKind::text) return {K::text, f->name, f->prefix};
  if (f->kind == schema::FieldKind::language) return {K::language, f->name, f->prefix};
  if (f->kind == schema::FieldKind::topic) return {K::topic, f->name, f->prefix};
  return {K::id, f->name, f->prefix};
}

// Every field name a query may use: text fields, entity fields, exact
// fields, entity:, date:.
std::vector<std::string_view> field_names() {
  std::vector<std::string_view> names;
  for (const schema::Field& f : schema::kFields) {
    if (f.kind == schema::FieldKind::text) names.push_back(f.name);
  }
  for (EntityType t : kEntityTypes) names.push_back(name_of(t));
  for (const schema::Field& f : schema::kFields) {
    if (f.kind != schema::FieldKind::text) names.push_back(f.name);
  }
  names.push_back(schema::kAnyEntityField);
  names.push_back(schema::kDateField);
  names.push_back(schema::kLikeField);
  return names;
}

// Edit distance (insertions, deletions, substitutions, transpositions of
// neighbours) between two short ASCII names, ignoring case.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) && ascii_lower(a[i - 2]) == ascii_lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string unknown_field_warning(std::string_view name) {
  std::string list, nearest;
  std::size_t best = 3;  // suggest only within two edits
  for (std::string_view f : field_names()) {
    list += (list.empty() ? "" : ", ") + std::string(f) + ":";
    if (name.size() > 32) continue;
    const std::size_t d = edit_distance(name, f);
    if (d < best) {
      best = d;
      nearest = std::string(f) + ":";
    }
  }
  std::string w = "unknown field '" + std::string(name) + ":', searched as words";
  if (!nearest.empty()) w += "; did you mean " + nearest + "?";
  return w + " (fields: " + list + ")";
}

// ---- Lexer ----

// Decodes the code point at s[i]; an invalid byte is U+FFFD of length 1.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& len) {
  utf8proc_int32_t cp = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {
    len = 1;
    return 0xFFFD;
  }
  len = static_cast<std::size_t>(n);
  return static_cast<char32_t>(cp);
}

// Typographic double quotes, which open and close phrases as '"' does.
bool is_typographic_quote(char32_t cp) {
  return cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0xFF02;
}

enum class Kind { word, phrase, open, close, op, end };
enum class Op { and_, or_, not_, xor_, near, adj };

struct Lexeme {
  Kind kind = Kind::end;
  std::string_view text;  // word: the chunk (without a trailing '*'); phrase: its content; op: as written
  char sign = 0;          // '+', '-' or 0 (word, phrase, open)
  FieldRef field;         // word, phrase, open
  bool wildcard = false;  // word: a trailing '*' was removed
  Op op = Op::and_;
  Xapian::termcount window = kDefaultWindow;  // NEAR, ADJ
};

// Splits a query into lexemes, in one pass.
class Lexer {
 public:
  Lexer(std::string_view q, std::vector<std::string>& warnings) : q_(q), warnings_(warnings) {}

  std::vector<Lexeme> run() {
    std::vector<Lexeme> out;
    int depth = 0;
    std::size_t i = 0;
    for (;;) {
      i = skip_spaces(i);
      if (i >= q_.size()) break;
      Lexeme lx;
      std::size_t len = 0;
      char32_t c = decode_at(q_, i, len);
      if (c == '+' || c == '-') {
        std::size_t next_len = 0;
        if (i + 1 >= q_.size() || is_space(decode_at(q_, i + 1, next_len))) {
          warnings_.push_back(std::string("'") + static_cast<char>(c) + "' with nothing after it: ignored");
          i += 1;
          continue;
        }
        lx.sign = static_cast<char>(c);
        i += 1;
        c = decode_at(q_, i, len);
      }
      std::size_t name_end = 0;
      i = read_field(i, lx.field, name_end);
      if (name_end != 0) {
        // An unknown field: its name is a word, its value the next item.
        lx.kind = Kind::word;
        lx.text = q_.substr(i, name_end - i);
        out.push_back(lx);
        i = name_end + 1;
        continue;
      }
      c = decode_at(q_, i, len);
      const bool filter = lx.field.kind == FieldRef::Kind::filter || lx.field.kind == FieldRef::Kind::any_entity ||
                          lx.field.kind == FieldRef::Kind::id || lx.field.kind == FieldRef::Kind::date ||
                          lx.field.kind == FieldRef::Kind::like || lx.field.kind == FieldRef::Kind::topic;
      if (c == '(') {
        if (filter) {
          warnings_.push_back("'" + std::string(lx.field.name) +
                              ":' takes a word or a \"quoted value\", not a (group): searched as words");
          lx.field = {};
        }
        lx.kind = Kind::open;
        ++depth;
        out.push_back(lx);
        i += 1;
        continue;
      }
      if (c == ')') {
        lx = Lexeme{};
        lx.kind = Kind::close;
        if (depth > 0) --depth;
        out.push_back(lx);
        i += 1;
        continue;
      }
      if (c == '"' || is_typographic_quote(c)) {
        lx.kind = Kind::phrase;
        i = read_phrase(i, c, len, lx.text);
        out.push_back(lx);
        continue;
      }
      const std::size_t start = i;
      while (i < q_.size()) {
        c = decode_at(q_, i, len);
        if (is_space(c)) break;
        if (filter) {
          if (c == ')' && depth > 0) break;
        } else if (c == '(' || c == ')' || c == '"' || is_typographic_quote(c)) {
          break;
        }
        i += len;
      }
      lx.kind = Kind::word;
      lx.text = q_.substr(start, i - start);
      if (lx.sign == 0 && lx.field.kind == FieldRef::Kind::none && read_operator(lx)) {
        out.push_back(lx);
        continue;
      }
      if (!filter && !mark_wildcard(lx)) continue;
      out.push_back(lx);
    }
    Lexeme end;
    end.kind = Kind::end;
    out.push_back(end);
    return out;
  }

 private:
  std::size_t skip_spaces(std::size_t i) const {
    while (i < q_.size()) {
      std::size_t len = 0;
      if (!is_space(decode_at(q_, i, len))) break;
      i += len;
    }
    return i;
  }

  // `name:` followed by a value (not a space, the end, '/' or ':', so
  // "http://" and "10:30" are not fields): sets `field` for a known name
  // and returns the position after the colon. For an unknown name, warns,
  // sets `name_end` to the colon's position and returns i.
  std::size_t read_field(std::size_t i, FieldRef& field, std::size_t& name_end) {
    std::size_t j = i;
    while (j < q_.size() && ((q_[j] >= 'a' && q_[j] <= 'z') || (q_[j] >= 'A' && q_[j] <= 'Z'))) ++j;
    if (j == i || j + 1 >= q_.size() || q_[j] != ':') return i;
    std::size_t len = 0;
    const char32_t v = decode_at(q_, j + 1, len);
    if (is_space(v) || v == '/' || v == ':') return i;
    const std::string_view name = q_.substr(i, j - i);
    field = find_query_field(name);
    if (field.kind == FieldRef::Kind::none) {
      warnings_.push_back(unknown_field_warning(name));
      name_end = j;
      return i;
    }
    return j + 1;
  }

  // A phrase from the quote `open` at i (of `len` bytes) to its closing
  // quote: '"' closes '"'; any double quote closes a typographic one.
  // Without one, the phrase runs to the end, with a warning.
  std::size_t read_phrase(std::size_t i, char32_t open, std::size_t len, std::string_view& text) {
    const std::size_t start = i + len;
    std::size_t j = start;
    while (j < q_.size()) {
      std::size_t n = 0;
      const char32_t c = decode_at(q_, j, n);
      if (c == '"' || (open != '"' && is_typographic_quote(c))) {
        text = q_.substr(start, j - start);
        return j + n;
      }
      j += n;
    }
    warnings_.push_back("unbalanced quote: the phrase runs to the end of the query");
    text = q_.substr(start);
    return q_.size();
  }

  // True (and lx made an operator) when lx.text is AND, OR, NOT, XOR,
  // NEAR, ADJ, NEAR/n or ADJ/n.
  static bool read_operator(Lexeme& lx) {
    const std::string_view t = lx.text;
    static const struct {
      std::string_view name;
      Op op;
    } kOps[] = {{"AND", Op::and_}, {"OR", Op::or_}, {"NOT", Op::not_}, {"XOR", Op::xor_},
                {"NEAR", Op::near}, {"ADJ", Op::adj}};
    for (const auto& o : kOps) {
      if (t.compare(0, o.name.size(), o.name) != 0) continue;
      const std::string_view rest = t.substr(o.name.size());
      if (rest.empty()) {
        lx.kind = Kind::op;
        lx.op = o.op;
        return true;
      }
      if ((o.op == Op::near || o.op == Op::adj) && rest.size() >= 2 && rest[0] == '/' &&
          all_digits(rest.substr(1)) && rest.size() <= 8) {
        lx.kind = Kind::op;
        lx.op = o.op;
        lx.window = std::min<Xapian::termcount>(kMaxWindow, static_cast<Xapian::termcount>(std::stoul(std::string(rest.substr(1)))));
        if (lx.window == 0) lx.window = 1;
        return true;
      }
    }
    return false;
  }

  // Strips a trailing '*' (a wildcard) from a word; warns about any other
  // '*', which separates words like other punctuation. False when nothing
  // but stars is left (the lexeme is dropped).
  bool mark_wildcard(Lexeme& lx) {
    std::string_view t = lx.text;
    const std::string_view written = t;
    while (!t.empty() && t.back() == '*') t.remove_suffix(1);
    if (t.empty()) {
      warnings_.push_back("'" + std::string(written) + "' is not a wildcard (it needs the start of a word): ignored");
      return false;
    }
    lx.wildcard = t.size() < written.size();
    lx.text = t;
    if (t.find('*') != std::string_view::npos) {
      warnings_.push_back("'" + std::string(written) +
                          "': a wildcard '*' only works at the end of a word; searched without it");
    }
    return true;
  }

  std::string_view q_;
  std::vector<std::string>& warnings_;
};

// ---- Parser ----

// A parsed part of a query. `query` is empty when the part has nothing to
// search for (stopwords only); `seen` when it consumed any lexeme.
struct Part {
  std::optional<Query> query;
  bool seen = false;
};

std::string op_name(Op op) {
  switch (op) {
    case Op::and_: return "AND";
    case Op::or_: return "OR";
    case Op::not_: return "NOT";
    case Op::xor_: return "XOR";
    case Op::near: return "NEAR";
    case Op::adj: return "ADJ";
  }
  return "";
}

Query combine(Query::op op, std::vector<Query>& qs) {
  if (qs.size() == 1) return qs.front();
  return Query(op, qs.begin(), qs.end());
}

class Parser {
 public:
  // `query`: the string the lexemes are views of.
  Parser(std::string_view query, std::vector<Lexeme> lexemes, const QueryOptions& options, ParsedQuery& out)
      : query_(query), lex_(std::move(lexemes)), options_(options), out_(out), analyzer_(default_analyzer()) {
    std::vector<std::vector<std::string>> codes;  // the language codes of each analyzer
    for (const std::string& language : options.languages) {
      const Analyzer* a = &analyzer_for(language);
      auto it = std::find(analyzers_.begin(), analyzers_.end(), a);
      if (it == analyzers_.end()) {
        analyzers_.push_back(a);
        codes.emplace_back();
        it = analyzers_.end() - 1;
      }
      if (!language.empty()) codes[static_cast<std::size_t>(it - analyzers_.begin())].push_back(language);
    }
    if (analyzers_.empty()) {
      analyzers_.push_back(&analyzer_);
      codes.emplace_back();
    }
    // Each language's reading is restricted to its own articles (its lang:
    // terms), except the English one, which also reads the articles of
    // unknown language, and the only one.
    for (std::size_t i = 0; i < analyzers_.size(); ++i) {
      std::vector<Query> terms;
      if (analyzers_.size() > 1 && analyzers_[i] != &analyzer_) {
        for (const std::string& code : codes[i]) terms.emplace_back(std::string(schema::prefix_of("lang")) + code);
      }
      only_.push_back(terms.empty() ? Query() : combine(Query::OP_OR, terms));
    }
    for (const Analyzer* a : analyzers_) out_.analyzers.push_back(a);
  }

  struct Word {
    std::vector<std::string> stems;  // one per analyzers_ entry, "" where a stopword
    Xapian::termpos pos = 0;
  };

  std::optional<Query> run() {
    const std::vector<std::string_view> free_text = {"", schema::prefix_of("title")};
    std::optional<Query> result = parse_or(free_text, 0).query;
    while (peek().kind != Kind::end) {
      // Only a ')' stops parse_or at the top.
      out_.warnings.push_back("unbalanced ')': ignored");
      ++i_;
      std::optional<Query> more = parse_or(free_text, 0).query;
      if (!result) {
        result = std::move(more);
      } else if (more) {
        result = Query(options_.default_op, *result, *more);
      }
    }
    if (options_.max_query_terms != 0 && terms_ > options_.max_query_terms) {
      throw QueryError("query has too many terms: " + std::to_string(terms_) + " (limit " +
                       std::to_string(options_.max_query_terms) + ")");
    }
    if (!result) {
      if (dropped_stopwords_) {
        out_.warnings.push_back("the query has only stopwords (such as 'the', 'of'), which are not indexed: nothing matches");
      } else if (out_.warnings.empty()) {
        out_.warnings.push_back("the query has no words to search for: nothing matches");
      }
    }
    return result;
  }

 private:
  using Prefixes = std::vector<std::string_view>;

  const Lexeme& peek() const { return lex_[i_]; }
  bool at_op(Op op) const { return peek().kind == Kind::op && peek().op == op; }
  // True when the next lexeme cannot start an operand: the end, ')' or a
  // binary operator (NOT can: "a OR NOT b").
  bool no_operand_next() const {
    const Lexeme& l = peek();
    return l.kind == Kind::end || l.kind == Kind::close ||
           (l.kind == Kind::op && l.op != Op::not_ && l.op != Op::near && l.op != Op::adj);
  }

  Part parse_or(const Prefixes& prefixes, int depth) { return parse_binary(Op::or_, prefixes, depth); }

  // Left-associative chains of OR (over XOR chains) and XOR (over AND
  // chains).
  Part parse_binary(Op op, const Prefixes& prefixes, int depth) {
    Part left = op == Op::or_ ? parse_binary(Op::xor_, prefixes, depth) : parse_and(prefixes, depth);
    while (at_op(op)) {
      ++i_;
      if (!left.seen) out_.warnings.push_back("'" + op_name(op) + "' has nothing before it: ignored");
      if (no_operand_next()) {
        out_.warnings.push_back("'" + op_name(op) + "' has nothing after it: ignored");
        continue;
      }
      Part right = op == Op::or_ ? parse_binary(Op::xor_, prefixes, depth) : parse_and(prefixes, depth);
      left.seen = true;
      if (!left.query) {
        left.query = std::move(right.query);
      } else if (right.query) {
        left.query = Query(op == Op::or_ ? Query::OP_OR : Query::OP_XOR, *left.query, *right.query);
      }
    }
    return left;
  }

  // AND, NOT and AND NOT chains; a leading NOT means "every article
  // except".
  Part parse_and(const Prefixes& prefixes, int depth) {
    Part left;
    bool everything = false;  // left is the implicit "every article" of a leading NOT
    if (at_op(Op::not_)) {
      left.query = Query::MatchAll;
      everything = true;
    } else {
      left = parse_prob(prefixes, depth);
    }
    for (;;) {
      Query::op qop;
      std::string name;
      if (at_op(Op::and_)) {
        ++i_;
        name = "AND";
        qop = Query::OP_AND;
        if (at_op(Op::not_)) {
          ++i_;
          name = "AND NOT";
          qop = Query::OP_AND_NOT;
        }
      } else if (at_op(Op::not_)) {
        ++i_;
        name = "NOT";
        qop = Query::OP_AND_NOT;
      } else {
        break;
      }
      if (!left.seen && !everything) out_.warnings.push_back("'" + name + "' has nothing before it: ignored");
      if (no_operand_next() || at_op(Op::not_)) {
        out_.warnings.push_back("'" + name + "' has nothing after it: ignored");
        continue;
      }
      Part right = parse_prob(prefixes, depth);
      left.seen = true;
      if (!right.query) continue;
      if (!left.query) {
        left.query = qop == Query::OP_AND ? *right.query : Query(Query::OP_AND_NOT, Query::MatchAll, *right.query);
      } else {
        left.query = Query(qop, *left.query, *right.query);
      }
      everything = false;
    }
    // A NOT that excluded nothing (only stopwords, or nothing after it)
    // must not turn into "every article".
    if (everything) left.query.reset();
    return left;
  }

  // A run of items combined as Xapian does: required (+) items ANDed;
  // the others with the default operator (AND_MAYBE after the required
  // ones when it is OR); then the filters; then the excluded (-) items.
  Part parse_prob(const Prefixes& prefixes, int depth) {
    Part part;
    std::vector<Query> plain, love, hate;
    std::vector<std::pair<std::string_view, std::vector<Query>>> filters;  // by field, in query order
    for (;;) {
      const Lexeme& l = peek();
      if (l.kind == Kind::end || l.kind == Kind::close) break;
      if (l.kind == Kind::op) {
        if (l.op != Op::near && l.op != Op::adj) break;
        if (i_ >= ignored_until_) out_.warnings.push_back("'" + std::string(l.text) + "' has no word before it: ignored");
        ++i_;
        part.seen = true;
        continue;
      }
      part.seen = true;
      const Lexeme item = l;
      std::optional<Query> q;
      bool is_filter = false;
      bool read = false;
      if (item.kind == Kind::word && i_ >= ignored_until_ && lex_[i_ + 1].kind == Kind::op &&
          (lex_[i_ + 1].op == Op::near || lex_[i_ + 1].op == Op::adj)) {
        const std::size_t before = i_;
        q = parse_near(prefixes);
        read = i_ != before;
      }
      if (!read) {
        ++i_;
        q = parse_item(item, prefixes, depth, is_filter);
      }
      if (!q) continue;
      if (item.sign == '-') {
        hate.push_back(std::move(*q));
      } else if (is_filter) {
        auto it = std::find_if(filters.begin(), filters.end(), [&](const auto& f) { return f.first == item.field.name; });
        if (it == filters.end()) it = filters.insert(filters.end(), {item.field.name, {}});
        it->second.push_back(std::move(*q));
      } else if (item.sign == '+') {
        love.push_back(std::move(*q));
      } else {
        plain.push_back(std::move(*q));
      }
    }
    std::optional<Query> e;
    if (!plain.empty()) e = combine(options_.default_op, plain);
    if (!love.empty()) {
      Query l = combine(Query::OP_AND, love);
      if (!e) {
        e = std::move(l);
      } else {
        e = Query(options_.default_op == Query::OP_AND ? Query::OP_AND : Query::OP_AND_MAYBE, l, *e);
      }
    }
    if (!filters.empty()) {
      std::vector<Query> groups;
      for (auto& [name, qs] : filters) groups.push_back(combine(Query::OP_OR, qs));
      Query f = combine(Query::OP_AND, groups);
      e = e ? Query(Query::OP_FILTER, *e, f) : Query(Query::OP_SCALE_WEIGHT, f, 0.0);
    }
    if (!hate.empty()) {
      Query h = combine(Query::OP_OR, hate);
      e = Query(Query::OP_AND_NOT, e ? *e : Query::MatchAll, h);
    }
    part.query = std::move(e);
    return part;
  }

  // One item (not a NEAR chain). Sets is_filter for a boolean field or a
  // date.
  std::optional<Query> parse_item(const Lexeme& item, const Prefixes& prefixes, int depth, bool& is_filter) {
    using K = FieldRef::Kind;
    const Prefixes own = item.field.kind == K::text ? Prefixes{item.field.prefix} : prefixes;
    switch (item.field.kind) {
      case K::filter:
      case K::any_entity:
      case K::id:
      case K::language:
      case K::topic:
      case K::date:
        is_filter = true;
        return filter_query(item);
      case K::like:
        return like_query(item);
      default:
        break;
    }
    switch (item.kind) {
      case Kind::word:
        return words_query(item.text, own, item.wildcard, item.sign != '-');
      case Kind::phrase: {
        std::optional<Query> q = words_query(item.text, own, false, item.sign != '-');
        if (!q && has_words(item.text)) {
          out_.warnings.push_back("the phrase \"" + std::string(item.text) +
                                  "\" has only stopwords, which are not indexed: ignored");
        }
        return q;
      }
      case Kind::open: {
        if (depth + 1 > kMaxDepth) {
          throw QueryError("query nests parentheses more than " + std::to_string(kMaxDepth) + " deep");
        }
        Part inner = parse_or(own, depth + 1);
        if (peek().kind == Kind::close) {
          ++i_;
        } else {
          out_.warnings.push_back("unbalanced '(': closed at the end of the query");
        }
        return inner.query;
      }
      default:
        return std::nullopt;
    }
  }

  // The words of `text` under each of `prefixes` (ORed): one word is a
  // term, several a phrase of adjacent words (stopwords dropped); with
  // `wildcard`, the last word is the beginning of the stems to expand to.
  // Empty when there is nothing but stopwords. `highlight`: the words go
  // to the Highlighter's lists.
  std::optional<Query> words_query(std::string_view text, const Prefixes& prefixes, bool wildcard, bool highlight) {
    std::vector<Word> words;
    std::vector<QueryWord> spans;
    std::string pattern;
    bool any = false;
    Tokenizer tok(text);
    while (tok.next()) {
      any = true;
      ++pos_;
      Word w = analyse(tok.word());
      if (w.stems.empty()) {
        dropped_stopwords_ = true;
        pattern.clear();
        continue;
      }
      pattern = tok.word();
      words.push_back(std::move(w));
      if (highlight) spans.push_back(query_word(text, tok));
    }
    if (wildcard && any && pattern.empty()) {
      // The last word was a stopword: the wildcard still extends it.
      Tokenizer again(text);
      while (again.next()) pattern = again.word();
    } else if (wildcard && !words.empty()) {
      words.pop_back();
      if (!spans.empty()) spans.pop_back();
    }
    if (!wildcard || pattern.empty()) wildcard = false;
    if (words.empty() && !wildcard) return std::nullopt;
    if (highlight) {
      for (const Word& w : words) add_stems(w);
      for (QueryWord& w : spans) out_.words.push_back(std::move(w));
      if (wildcard) out_.wildcards.push_back(pattern);
    }
    std::vector<Query> alternatives;
    for (std::string_view prefix : prefixes) {
      std::vector<Query> parts;
      if (!words.empty()) parts.push_back(words_of(words, prefix, Query::OP_PHRASE, 0));
      if (wildcard) {
        ++terms_;
        parts.emplace_back(Query::OP_WILDCARD, std::string(prefix) + pattern, options_.max_wildcard_expansion,
                           Query::WILDCARD_LIMIT_MOST_FREQUENT);
      }
      alternatives.push_back(combine(Query::OP_AND, parts));
    }
    return combine(Query::OP_OR, alternatives);
  }

  // A word of the query as each analysis language reads it: stems[i] is
  // analyzers_[i]'s stem, "" where it is a stopword; no stems at all when
  // it is a stopword in every language (then it is dropped).
  Word analyse(const std::string& word) {
    Word w;
    w.pos = pos_;
    bool kept = false;
    for (const Analyzer* a : analyzers_) {
      if (a->is_stopword(word)) {
        w.stems.emplace_back();
      } else {
        w.stems.emplace_back(a->stem(word));
        kept = true;
      }
    }
    if (!kept) w.stems.clear();
    return w;
  }

  // The Highlighter's stems of a word: each language's, once.
  void add_stems(const Word& w) {
    const std::size_t first = out_.stems.size();
    for (const std::string& stem : w.stems) {
      if (!stem.empty() && std::find(out_.stems.begin() + static_cast<std::ptrdiff_t>(first), out_.stems.end(), stem) == out_.stems.end()) {
        out_.stems.push_back(stem);
      }
    }
  }

  // The query for `words` (each with stems, see analyse) under `prefix`:
  // each language's reading of them, a reading of another language than
  // English restricted to that language's articles (only_), so that an
  // Italian stem of an English word ("die": "di") never matches English
  // articles. A language's reading that another's (English first) already
  // makes is left out. One word: its one term when the readings agree
  // (what an English archive always gets), else the OP_SYNONYM of the
  // readings (ranked as one word). Several: each reading is `op`
  // (OP_PHRASE, or OP_NEAR with `window`; 0: adjacent) of that language's
  // stems of the words it keeps, and the readings are ORed: an article
  // is in one language, so its phrase is made of that language's stems
  // (Xapian 1.4 phrases take terms only). So "Bank of England" is bank
  // england for English articles and bank of england in French ones.
  Query words_of(const std::vector<Word>& words, std::string_view prefix, Query::op op, Xapian::termcount window) {
    // The readings, unrestricted ones first.
    std::vector<std::size_t> order;
    for (std::size_t lang = 0; lang < analyzers_.size(); ++lang) {
      if (only_[lang].empty()) order.push_back(lang);
    }
    for (std::size_t lang = 0; lang < analyzers_.size(); ++lang) {
      if (!only_[lang].empty()) order.push_back(lang);
    }
    using Reading = std::vector<std::pair<std::string, Xapian::termpos>>;
    std::vector<Reading> seen;
    std::vector<std::vector<Query>> filters;  // per reading: its languages' filters; empty: unrestricted
    for (std::size_t lang : order) {
      Reading reading;
      for (const Word& w : words) {
        if (!w.stems[lang].empty()) reading.emplace_back(std::string(prefix) + w.stems[lang], w.pos);
      }
      if (reading.empty()) continue;
      if (!only_[lang].empty() && options_.archive_terms != nullptr &&
          std::any_of(reading.begin(), reading.end(),
                      [&](const auto& term) { return !options_.archive_terms->holds(term.first); })) {
        continue;  // another language's reading of terms the archive lacks: matches nothing
      }
      const auto it = std::find(seen.begin(), seen.end(), reading);
      if (it == seen.end()) {
        seen.push_back(std::move(reading));
        filters.emplace_back();
        if (!only_[lang].empty()) filters.back().push_back(only_[lang]);
      } else {
        // Another language reads it so too: its articles as well, unless
        // that reading is unrestricted already.
        std::vector<Query>& f = filters[static_cast<std::size_t>(it - seen.begin())];
        if (!f.empty()) f.push_back(only_[lang]);
      }
    }
    std::vector<Query> readings;
    for (std::size_t r = 0; r < seen.size(); ++r) {
      std::vector<Query> terms;
      for (const auto& [term, pos] : seen[r]) terms.emplace_back(term, 1, pos);
      terms_ += terms.size();
      const auto n = static_cast<Xapian::termcount>(terms.size());
      Query q = n == 1 ? terms.front() : Query(op, terms.begin(), terms.end(), window == 0 ? n : window + n - 1);
      if (!filters[r].empty()) q = Query(Query::OP_FILTER, q, combine(Query::OP_OR, filters[r]));
      readings.push_back(std::move(q));
    }
    if (words.size() == 1 && readings.size() > 1) return Query(Query::OP_SYNONYM, readings.begin(), readings.end());
    return combine(Query::OP_OR, readings);
  }

  // a NEAR b NEAR c (or ADJ), starting at the current lexeme. Each
  // operand must be one word; otherwise the operators of the chain are
  // ignored, with one warning, and its operands are read as ordinary
  // items (returns empty with i_ unchanged and ignored_until_ past the
  // chain). Also empty when every operand is a stopword (then i_ is past
  // the chain).
  std::optional<Query> parse_near(const Prefixes& prefixes) {
    const Op op = lex_[i_ + 1].op;
    const Xapian::termcount window = lex_[i_ + 1].window;
    std::vector<std::size_t> operands{i_};
    std::size_t j = i_ + 1;
    while (lex_[j].kind == Kind::op && lex_[j].op == op && lex_[j].window == window &&
           lex_[j + 1].kind == Kind::word) {
      operands.push_back(j + 1);
      j += 2;
    }
    bool single_words = true;
    for (std::size_t k : operands) {
      const Lexeme& l = lex_[k];
      if (l.sign != 0 || l.field.kind != FieldRef::Kind::none || l.wildcard || count_words(l.text) > 1) {
        single_words = false;
      }
    }
    if (!single_words) {
      out_.warnings.push_back("'" + op_name(op) + "' joins single words only: ignored");
      ignored_until_ = j;
      return std::nullopt;
    }
    i_ = j;
    std::vector<Word> words;
    for (std::size_t k : operands) {
      Tokenizer tok(lex_[k].text);
      while (tok.next()) {
        ++pos_;
        Word w = analyse(tok.word());
        if (w.stems.empty()) {
          dropped_stopwords_ = true;
          continue;
        }
        add_stems(w);
        words.push_back(std::move(w));
        out_.words.push_back(query_word(lex_[k].text, tok));
      }
    }
    if (words.empty()) return std::nullopt;
    std::vector<Query> alternatives;
    for (std::string_view prefix : prefixes) {
      alternatives.push_back(words_of(words, prefix, op == Op::near ? Query::OP_NEAR : Query::OP_PHRASE, window));
    }
    return combine(Query::OP_OR, alternatives);
  }

  // The current word of `tok`, a Tokenizer over `text` (a view of the query).
  QueryWord query_word(std::string_view text, const Tokenizer& tok) const {
    const auto offset = static_cast<std::size_t>(text.data() - query_.data());
    std::string stem;
    for (const Analyzer* a : analyzers_) {
      if (!a->is_stopword(tok.word())) {
        stem = a->stem(tok.word());
        break;
      }
    }
    return {offset + tok.begin(), offset + tok.end(), tok.word(), std::move(stem)};
  }

  // like:ID: the articles most like article ID (QueryOptions::similar).
  std::optional<Query> like_query(const Lexeme& item) {
    if (item.text.empty()) return no_value(item);
    if (options_.similar == nullptr) throw QueryError("like:" + std::string(item.text) + ": no archive to compare with");
    std::vector<std::string> stems;
    Query q = options_.similar->like(std::string(item.text), stems);
    terms_ += stems.size();
    if (item.sign != '-') out_.stems.insert(out_.stems.end(), stems.begin(), stems.end());
    return q;
  }

  static std::size_t count_words(std::string_view text) {
    Tokenizer tok(text);
    std::size_t n = 0;
    while (tok.next()) ++n;
    return n;
  }
  static bool has_words(std::string_view text) { return count_words(text) > 0; }

  // People named in the warning for an ambiguous surname.
  static constexpr std::size_t kPeopleListed = 5;

  // A boolean field's term(s), or a date period or range.
  std::optional<Query> filter_query(const Lexeme& item) {
    using K = FieldRef::Kind;
    if (item.field.kind == K::date) return date_query(item.text);
    if (item.field.kind == K::id) {
      if (item.text.empty()) return no_value(item);
      ++terms_;
      return Query(id_term(std::string(item.text)));
    }
    if (item.field.kind == K::language) {
      const std::string code = language_of_tag(item.text);
      if (code.empty()) {
        throw QueryError(std::string(item.field.name) + ":" + std::string(item.text) +
                         ": not a language (use a code such as en, fr, ru, zh)");
      }
      ++terms_;
      return Query(std::string(item.field.prefix) + code);
    }
    std::string_view text = item.text;
    bool wildcard = false;
    while (!text.empty() && text.back() == '*') {
      text.remove_suffix(1);
      wildcard = true;
    }
    const std::string value = normalize_filter_value(text);
    if (value.empty()) return no_value(item);
    if (item.field.kind == K::topic) {
      // The whole topic, normalised as the index's topic terms are
      // (topic_term); TOPIC* any topic that begins so. Not highlighted: a
      // topic is metadata, not words of the text.
      ++terms_;
      if (!wildcard) return Query(topic_term(std::string(text)));
      return Query(Query::OP_WILDCARD, std::string(item.field.prefix) + value, options_.max_wildcard_expansion,
                   Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }
    const bool highlight = item.sign != '-';
    if (highlight) add_names(value);
    std::vector<EntityType> types;
    if (item.field.kind == K::filter) {
      types.push_back(item.field.entity);
    } else {
      types.assign(std::begin(kEntityTypes), std::end(kEntityTypes));
    }
    std::vector<std::string> terms;
    const std::string written = std::string(item.field.name) + ":" + std::string(item.text);
    const EntityNames* names = options_.entity_names;
    for (EntityType type : types) {
      if (wildcard) {
        if (names == nullptr) {
          ++terms_;
          std::vector<Query> any = wildcard_terms(types, value);
          return combine(Query::OP_OR, any);
        }
        for (const AliasTarget& t : names->complete(type, value, options_.max_wildcard_expansion)) {
          terms.push_back(entity_term(t.type, t.name));
          if (highlight) add_names(normalize_filter_value(t.name));
        }
        continue;
      }
      std::optional<AliasTarget> alias = names ? names->resolve(type, entity_key(text)) : std::nullopt;
      // A surname the archive never writes alone (no entry: "Yeutter",
      // "de Clercq"), a one-word one several of its people share (hidden
      // as a value of its own), or one the archive's own value of which is
      // no person (the town "Wilson"): as a person filter it means the
      // people of that surname.
      const bool surname = names != nullptr && type == EntityType::person && item.field.kind == K::filter &&
                           (!alias || count_words(value) == 1);
      // Read once: people_called reads every person's term.
      std::vector<AliasTarget> people;
      if (surname && (!alias || alias->hidden() || alias->type != EntityType::person)) {
        people = names->people_called(value, options_.max_wildcard_expansion);
      }
      // No entry, or an entry of no person where people have that surname.
      const bool unresolved =
          !alias || (!alias->hidden() && alias->type != EntityType::person && !people.empty());
      if (unresolved || alias->hidden()) {
        if (unresolved && people.size() == 1) {
          alias = people.front();
        } else if (people.size() >= 2) {
          std::string listed;
          for (std::size_t k = 0; k < people.size() && k < kPeopleListed; ++k) {
            listed += (k == 0 ? "" : ", ") + people[k].name;
          }
          if (people.size() > kPeopleListed) listed += " and " + std::to_string(people.size() - kPeopleListed) + " more";
          out_.warnings.push_back("'" + written + "': several people of this archive go by that name: searched as any of " +
                                  listed + " (name one to narrow)");
          for (const AliasTarget& p : people) {
            terms.push_back(entity_term(p.type, p.name));
            if (highlight) add_names(normalize_filter_value(p.name));
          }
          continue;
        } else if (unresolved) {
          // Without an entry, the name as written or as its key says
          // (entity_key drops a leading "the": "the SEC" is "SEC").
          terms.push_back(entity_term(type, std::string(text)));
          terms.push_back(entity_term(type, entity_key(text)));
          continue;
        } else {
          if (item.field.kind == K::filter) {
            out_.warnings.push_back("'" + written + "': not an entity of this archive (hidden by the alias file, or too rare or ambiguous a name): it matches nothing");
          }
          continue;
        }
      }
      if (alias->type != type && item.field.kind == K::filter) {
        out_.warnings.push_back("'" + written + "': in this archive " + alias->name + " is " +
                                (alias->type == EntityType::org ? "an " : "a ") + std::string(name_of(alias->type)) +
                                ": searched as " + std::string(name_of(alias->type)) + ":\"" + alias->name + "\"");
      }
      if (highlight) add_names(normalize_filter_value(alias->name));
      terms.push_back(entity_term(alias->type, alias->name));
    }
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    if (terms.empty() && wildcard) {
      out_.warnings.push_back("'" + written + "': no " +
                              (item.field.kind == K::filter ? std::string(name_of(item.field.entity)) : "entity") +
                              " name begins with '" + value + "' (see --entity-list): it matches nothing");
    }
    if (terms.empty()) return Query();
    std::vector<Query> any;
    for (const std::string& t : terms) {
      ++terms_;
      any.emplace_back(t);
    }
    return combine(Query::OP_OR, any);
  }

  // Filter words the Highlighter marks.
  void add_names(const std::string& value) {
    Tokenizer tok(value);
    while (tok.next()) {
      if (!analyzer_.is_stopword(tok.word())) out_.names.push_back(std::string(tok.word()));
    }
  }

  // TYPE:PREFIX* without an archive to ask: a wildcard over the filter terms.
  std::vector<Query> wildcard_terms(const std::vector<EntityType>& types, const std::string& value) const {
    std::vector<Query> any;
    for (EntityType type : types) {
      any.emplace_back(Query::OP_WILDCARD, std::string(schema::entity_field(type).prefix) + value,
                       options_.max_wildcard_expansion, Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }
    return any;
  }

  std::optional<Query> no_value(const Lexeme& item) {
    out_.warnings.push_back("'" + std::string(item.field.name) + ":' has no value: ignored");
    return std::nullopt;
  }

  std::string_view query_;
  std::vector<Lexeme> lex_;
  std::size_t i_ = 0;
  const QueryOptions& options_;
  ParsedQuery& out_;
  const Analyzer& analyzer_;  // entity filter words (compared as written)
  std::vector<const Analyzer*> analyzers_;  // the query's languages (QueryOptions::languages), distinct
  std::vector<Query> only_;  // per analyzers_ entry: its articles' lang: terms, or Query() for all
  Xapian::termpos pos_ = 0;       // position of the last word read, stopwords counted
  std::size_t terms_ = 0;         // terms in the query so far
  bool dropped_stopwords_ = false;
  std::size_t ignored_until_ = 0;  // NEAR/ADJ lexemes before this index are ignored
};

}  // namespace

std::string date_slot_value(long long unix_time) {
  std::time_t tt = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return stamp(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

ParsedQuery parse_query(std::string_view query, const QueryOptions& options) {
  if (options.max_query_bytes != 0 && query.size() > options.max_query_bytes) {
    throw QueryError("query too long: " + std::to_string(query.size()) + " bytes (limit " +
                     std::to_string(options.max_query_bytes) + ")");
  }
  ParsedQuery out;
  std::vector<Lexeme> lexemes = Lexer(query, out.warnings).run();
  std::optional<Query> q = Parser(query, std::move(lexemes), options, out).run();
  if (q) out.query = std::move(*q);
  // One line per distinct warning ("((((" is one unbalanced '(' warning).
  std::unordered_set<std::string> seen;
  std::vector<std::string> distinct;
  for (std::string& w : out.warnings) {
    if (seen.insert(w).second) distinct.push_back(std::move(w));
  }
  out.warnings = std::move(distinct);
  return out;
}

}  // namespace newsdex
