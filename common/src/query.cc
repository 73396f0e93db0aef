#include "newsdex/query.h"

#include <cstdio>
#include <ctime>
#include <optional>

#include "newsdex/analyzer.h"
#include "newsdex/dates.h"
#include "newsdex/document.h"
#include "newsdex/schema.h"

namespace newsdex {

namespace {

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

// One end of a date range as a date slot value. `is_end` makes a partial
// date cover its whole period ("2025-10" ends at 2025-10-31T23:59:59).
std::optional<std::string> range_bound(std::string_view text, bool is_end) {
  // YYYY, YYYY-MM, YYYY-MM-DD (also with / or no separators: YYYYMMDD).
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

// `date:A..B` over the date slot.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  DateRangeProcessor()
      : Xapian::RangeProcessor(schema::kDateSlot, std::string(schema::kDateField) + ":") {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    if (begin.empty() && end.empty()) throw QueryError("date range with no ends: use date:FROM..TO");
    std::optional<std::string> b, e;
    if (!begin.empty()) {
      b = range_bound(begin, false);
      if (!b) throw QueryError("not a date in date range: '" + begin + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    if (!end.empty()) {
      e = range_bound(end, true);
      if (!e) throw QueryError("not a date in date range: '" + end + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    if (b && e && *b > *e) throw QueryError("date range ends before it starts: " + begin + ".." + end);
    if (!b) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, *e);
    if (!e) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, *b);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, *b, *e);
  }
};

// A boolean field whose value is normalised before it becomes a term, so
// `place:ḤMEIMIM` finds the term written for "Hmeimim".
class FilterFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit FilterFieldProcessor(std::string prefix) : prefix_(std::move(prefix)) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + normalize_filter_value(value));
  }
 private:
  std::string prefix_;
};

// `id:X`: the id term exactly as the indexer writes it (id_term bounds
// long ids to Xapian's term length limit).
class IdFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override { return Xapian::Query(id_term(value)); }
};

// `entity:X`: X under every entity prefix.
class AnyEntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    const std::string v = normalize_filter_value(value);
    std::vector<Xapian::Query> alternatives;
    for (std::string_view f : schema::kEntityFields) {
      alternatives.emplace_back(std::string(schema::prefix_of(f)) + v);
    }
    return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  }
};

// True for a term of free text (unprefixed or a text field's prefix) whose
// stem is a stopword's.
bool is_stopword_term(const std::string& term) {
  std::string_view rest = term;
  for (const schema::Field& f : schema::kFields) {
    if (f.kind == schema::FieldKind::text && rest.size() > f.prefix.size() &&
        rest.compare(0, f.prefix.size(), f.prefix) == 0) {
      rest.remove_prefix(f.prefix.size());
      break;
    }
  }
  return default_analyzer().is_stopword_stem(rest);
}

// QueryParser keeps stopwords in phrases ("Bank of England",
// state-of-the-art) but the indexer writes none (analyzer.h): returns `q`
// with stopword terms dropped from every OP_PHRASE, which then asks for
// its other words at adjacent positions, as the indexer wrote them. Nodes
// on the way to such a phrase are rebuilt when their operator takes no
// parameter; any other subtree is returned as it is. Sets `changed` when
// the result differs from `q`.
Xapian::Query drop_phrase_stopwords(const Xapian::Query& q, bool& changed_out) {
  using Q = Xapian::Query;
  const Q::op op = q.get_type();
  std::vector<Q> subs;
  bool changed = false;
  switch (op) {
    case Q::OP_PHRASE:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        const Q sub = q.get_subquery(i);
        if (sub.get_type() == Q::LEAF_TERM && is_stopword_term(*sub.get_terms_begin())) {
          changed = true;
        } else {
          subs.push_back(sub);
        }
      }
      if (!changed) return q;
      changed_out = true;
      if (subs.empty()) return Q::MatchNothing;
      if (subs.size() == 1) return subs.front();
      return Q(Q::OP_PHRASE, subs.begin(), subs.end(), static_cast<Xapian::termcount>(subs.size()));
    case Q::OP_AND:
    case Q::OP_OR:
    case Q::OP_AND_NOT:
    case Q::OP_XOR:
    case Q::OP_AND_MAYBE:
    case Q::OP_FILTER:
    case Q::OP_SYNONYM:
    case Q::OP_MAX:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        subs.push_back(drop_phrase_stopwords(q.get_subquery(i), changed));
      }
      if (!changed) return q;
      changed_out = true;
      return Q(op, subs.begin(), subs.end());
    default:
      return q;
  }
}

}  // namespace

std::string date_slot_value(long long unix_time) {
  std::time_t tt = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return stamp(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

Xapian::Query parse_query(const std::string& query, const QueryOptions& options,
                          const Xapian::Database& db) {
  if (options.max_query_bytes != 0 && query.size() > options.max_query_bytes) {
    throw QueryError("query too long: " + std::to_string(query.size()) + " bytes (limit " +
                     std::to_string(options.max_query_bytes) + ")");
  }
  Xapian::QueryParser qp;
  default_analyzer().configure(qp);
  qp.set_database(db);
  qp.set_default_op(options.default_op);
  qp.set_max_expansion(options.max_wildcard_expansion,
                       Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                       Xapian::QueryParser::FLAG_WILDCARD);
  // Free text searches the body (unprefixed) and the title: each word
  // becomes (word OR title-word), so a title match adds a second, rarer
  // term to the BM25 sum.
  qp.add_prefix("", "");
  qp.add_prefix("", std::string(schema::prefix_of("title")));
  for (const schema::Field& f : schema::kFields) {
    if (f.kind == schema::FieldKind::text) {
      qp.add_prefix(std::string(f.name), std::string(f.prefix));
    } else if (f.name == "id") {
      qp.add_boolean_prefix(std::string(f.name), (new IdFieldProcessor())->release());
    } else {
      qp.add_boolean_prefix(std::string(f.name),
                            (new FilterFieldProcessor(std::string(f.prefix)))->release());
    }
  }
  qp.add_boolean_prefix(std::string(schema::kAnyEntityField),
                        (new AnyEntityFieldProcessor())->release());
  qp.add_rangeprocessor((new DateRangeProcessor())->release());

  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  try {
    bool changed = false;
    Xapian::Query parsed = drop_phrase_stopwords(qp.parse_query(normalize_query(query), flags), changed);
    if (options.max_query_terms != 0 && parsed.get_length() > options.max_query_terms) {
      throw QueryError("query has too many terms: " + std::to_string(parsed.get_length()) + " (limit " +
                       std::to_string(options.max_query_terms) + ")");
    }
    return parsed;
  } catch (const Xapian::QueryParserError& e) {
    throw QueryError("cannot parse query: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw QueryError("cannot parse query: " + e.get_description());
  }
}

}  // namespace newsdex
