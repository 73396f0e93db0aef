#include "newsdex/export.h"

#include <algorithm>
#include <istream>

#include "newsdex/database.h"
#include "newsdex/document.h"
#include "newsdex/json.h"
#include "newsdex/schema.h"
#include "newsdex/search.h"
#include "newsdex/text.h"

namespace newsdex {

namespace {

constexpr std::string_view kEntitiesPrefix = "entities.";

// One exportable field and what it is: a string member of Article, the
// date, the line number, the entities of one type, or the topics.
struct FieldWriter {
  enum class Kind { text, date, line, names, topics };
  std::string name;
  Kind kind = Kind::text;
  std::string Article::*member = nullptr;  // Kind::text
  EntityType type = EntityType::misc;      // Kind::names
};

// The one table of export fields.
const std::vector<FieldWriter>& field_writers() {
  using K = FieldWriter::Kind;
  static const std::vector<FieldWriter> writers = [] {
    std::vector<FieldWriter> w = {
        {"id", K::text, &Article::id},         {"date", K::date},
        {"title", K::text, &Article::title},   {"source", K::text, &Article::source},
        {"author", K::text, &Article::author}, {"url", K::text, &Article::url},
        {"path", K::text, &Article::path},     {"line", K::line},
        {"language", K::text, &Article::language}, {"body", K::text, &Article::body},
        {"topics", K::topics},
    };
    for (EntityType type : kEntityTypes) {
      w.push_back({std::string(kEntitiesPrefix) + std::string(name_of(type)), K::names, nullptr, type});
    }
    return w;
  }();
  return writers;
}

const FieldWriter* find_writer(std::string_view name) {
  for (const FieldWriter& w : field_writers()) {
    if (w.name == name) return &w;
  }
  return nullptr;
}

std::string known_fields() {
  std::string list;
  for (const std::string& n : export_field_names()) list += (list.empty() ? "" : ",") + n;
  return list;
}

// Writes articles as rows of one format, a line at a time.
class RowWriter {
 public:
  RowWriter(const ExportOptions& options, std::ostream& out) : options_(options), out_(out) {
    for (const std::string& name : options.fields) {
      const FieldWriter* w = find_writer(name);
      if (w == nullptr) throw FieldListError("unknown field '" + name + "' (fields: " + known_fields() + ")");
      fields_.push_back(w);
    }
    if (fields_.empty()) throw FieldListError("no fields to export (fields: " + known_fields() + ")");
  }

  void header() {
    if (options_.format != ExportFormat::csv) return;
    std::string line;
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (i) line += ',';
      append_csv_field(line, fields_[i]->name);
    }
    line += "\r\n";
    out_ << line;
  }

  void row(const Article& a) {
    line_.clear();
    const bool csv = options_.format == ExportFormat::csv;
    if (!csv) line_ += '{';
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      const FieldWriter& f = *fields_[i];
      if (i) line_ += ',';
      if (csv) {
        cell_.clear();
        csv_text(f, a, cell_);
        append_csv_field(line_, options_.terminal_safe ? terminal_safe(cell_) : cell_);
      } else {
        append_json_string(line_, f.name);
        line_ += ':';
        json_value(f, a);
      }
    }
    line_ += csv ? "\r\n" : "}\n";
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    ++written_;
  }

  Xapian::doccount written() const { return written_; }

 private:
  // The field as one CSV field's text (names joined by "; ").
  static void csv_text(const FieldWriter& f, const Article& a, std::string& out) {
    switch (f.kind) {
      case FieldWriter::Kind::text: out += a.*f.member; break;
      case FieldWriter::Kind::date:
        if (a.date) out += format_iso8601(*a.date);
        break;
      case FieldWriter::Kind::line: out += std::to_string(a.line); break;
      case FieldWriter::Kind::names: {
        bool first = true;
        for (const Entity& e : a.entities) {
          if (e.type != f.type) continue;
          if (!first) out += "; ";
          out += e.name;
          first = false;
        }
        break;
      }
      case FieldWriter::Kind::topics:
        for (std::size_t i = 0; i < a.topics.size(); ++i) (out += (i ? "; " : "")) += a.topics[i];
        break;
    }
  }

  // A JSON string of `s` (terminal-safe when asked: JSON escapes control
  // characters itself, terminal_safe also replaces printable escape
  // introducers and bidi overrides).
  void json_string(std::string_view s) {
    if (options_.terminal_safe) {
      append_json_string(line_, terminal_safe(s));
    } else {
      append_json_string(line_, s);
    }
  }

  // The field as a JSON value: a string, null (no date), a number (line)
  // or an array of names.
  void json_value(const FieldWriter& f, const Article& a) {
    switch (f.kind) {
      case FieldWriter::Kind::text: json_string(a.*f.member); break;
      case FieldWriter::Kind::date:
        if (a.date) {
          json_string(format_iso8601(*a.date));
        } else {
          line_ += "null";
        }
        break;
      case FieldWriter::Kind::line: line_ += std::to_string(a.line); break;
      case FieldWriter::Kind::names: {
        line_ += '[';
        bool first = true;
        for (const Entity& e : a.entities) {
          if (e.type != f.type) continue;
          if (!first) line_ += ',';
          json_string(e.name);
          first = false;
        }
        line_ += ']';
        break;
      }
      case FieldWriter::Kind::topics:
        line_ += '[';
        for (std::size_t i = 0; i < a.topics.size(); ++i) {
          if (i) line_ += ',';
          json_string(a.topics[i]);
        }
        line_ += ']';
        break;
    }
  }

  const ExportOptions& options_;
  std::ostream& out_;
  std::vector<const FieldWriter*> fields_;
  std::string line_, cell_;
  Xapian::doccount written_ = 0;
};

// Writes each document the matcher examines (local databases: a spy is
// not serialisable).
class ExportSpy : public Xapian::MatchSpy {
 public:
  explicit ExportSpy(RowWriter& rows) : rows_(rows) {}
  void operator()(const Xapian::Document& doc, double) override { rows_.row(article_from_data(doc.get_data())); }
  std::string name() const override { return "newsdex.ExportSpy"; }

 private:
  RowWriter& rows_;
};

}  // namespace

std::vector<std::string> export_field_names() {
  std::vector<std::string> names;
  for (const FieldWriter& w : field_writers()) names.push_back(w.name);
  return names;
}

std::vector<std::string> parse_field_list(std::string_view list) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    std::string name(trim(list.substr(start, end - start)));
    if (name.empty()) {
      throw FieldListError("empty field name in '" + std::string(list) + "' (fields: " + known_fields() + ")");
    }
    if (find_writer(name) == nullptr) {
      throw FieldListError("unknown field '" + name + "' (fields: " + known_fields() + ")");
    }
    fields.push_back(std::move(name));
    start = end + 1;
  }
  return fields;
}

void append_csv_field(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

Xapian::doccount export_matches(const ExportOptions& options, std::ostream& out) {
  RowWriter rows(options, out);  // checks the fields before anything is read
  bool header_written = false;
  read_consistently(options.db_paths, "exporting from " + describe_paths(options.db_paths), [&](Shards& shards) {
    if (rows.written() > 0) {
      throw DbError(DbErrorKind::other, "the database changed during the export after " +
                                              std::to_string(rows.written()) +
                                              " articles were written; run it again");
    }
    Xapian::Database db = shards.all();
    const ParsedQuery parsed = parse_archive_query(db, options.query, options.query_options, options.match_all);
    if (!header_written) {
      rows.header();
      header_written = true;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(parsed.query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    if (!shards.remote) {
      ExportSpy spy(rows);
      enquire.add_matchspy(&spy);
      enquire.get_mset(0, 0, std::max<Xapian::doccount>(db.get_doccount(), 1));
      return;
    }
    // Remote shards run the matcher on their servers: pages of matches.
    constexpr Xapian::doccount kPage = 1000;
    for (Xapian::doccount first = 0;; first += kPage) {
      const Xapian::MSet page = enquire.get_mset(first, kPage);
      for (auto it = page.begin(); it != page.end(); ++it) rows.row(article_from_data(it.get_document().get_data()));
      if (page.size() < kPage) break;
    }
  });
  out.flush();
  return rows.written();
}

std::vector<BatchQuery> read_query_lines(std::istream& in) {
  std::vector<BatchQuery> queries;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    const std::string_view q = trim(line);
    if (!q.empty()) queries.push_back({n, std::string(q)});
  }
  return queries;
}

std::vector<BatchCount> count_queries(const BatchOptions& options, const std::vector<BatchQuery>& queries) {
  std::vector<BatchCount> counts;
  read_consistently(options.db_paths, "counting in " + describe_paths(options.db_paths), [&](Shards& shards) {
    counts.clear();
    const Xapian::Database db = shards.all();
    std::vector<DayCounts> days;
    for (const BatchQuery& q : queries) {
      BatchCount c;
      c.query = q;
      DayCounts d;
      try {
        const ParsedQuery parsed = parse_archive_query(db, q.query, options.query_options, false);
        if (options.histogram) {
          d = count_days(db, parsed.query, shards.remote);
          c.count = d.documents;
        } else {
          Xapian::Enquire enquire(db);
          enquire.set_query(parsed.query);
          enquire.set_weighting_scheme(Xapian::BoolWeight());
          const Xapian::MSet m = enquire.get_mset(0, 0, std::max<Xapian::doccount>(db.get_doccount(), 1));
          c.count = m.get_matches_lower_bound();
        }
      } catch (const QueryError& e) {
        c.error = e.what();
      }
      counts.push_back(std::move(c));
      days.push_back(std::move(d));
    }
    if (!options.histogram) return;
    std::optional<std::uint32_t> first, last;
    for (const DayCounts& d : days) {
      if (d.days.empty()) continue;
      if (!first || d.days.begin()->first < *first) first = d.days.begin()->first;
      if (!last || d.days.rbegin()->first > *last) last = d.days.rbegin()->first;
    }
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (!counts[i].error.empty()) continue;
      counts[i].histogram = make_histogram(days[i].days, days[i].undated(), *options.histogram, first, last);
    }
  });
  return counts;
}

}  // namespace newsdex
