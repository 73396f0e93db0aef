#include "newsdex/printer.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "newsdex/json.h"
#include "newsdex/text.h"

namespace newsdex {

namespace {

std::string date_only(const std::optional<UnixTime>& t) {
  return t ? format_iso8601(*t).substr(0, 10) : std::string();
}

// Entities of one type, in the article's order.
std::vector<std::string> names_of(const Article& a, EntityType type) {
  std::vector<std::string> names;
  for (const Entity& e : a.entities) {
    if (e.type == type) names.push_back(e.name);
  }
  return names;
}

// Topics a text result lists (then "... N more").
constexpr std::size_t kShownTopics = 8;

// "N matches" when the count is exact; "about N matches" only for an
// estimate (never "about 1 match": an estimate below 2 is "1 or more").
std::string count_text(Xapian::doccount total, bool exact) {
  if (exact) return std::to_string(total) + (total == 1 ? " match" : " matches");
  if (total < 2) return "1 or more matches";
  return "about " + std::to_string(total) + " matches";
}

// "  LABEL:  value (n)  value (n)" for one facet list; nothing when empty.
void facet_line(std::ostream& out, std::string_view label, const std::vector<FacetValue>& values) {
  if (values.empty()) return;
  out << "  " << label << ":";
  for (const FacetValue& v : values) out << "  " << terminal_safe(v.value, false) << " (" << v.count << ")";
  out << '\n';
}

// A bar of `n` of `most` over `width` columns; any n > 0 shows.
std::string bar(Xapian::doccount n, Xapian::doccount most, std::size_t width, bool unicode) {
  if (n == 0 || most == 0) return std::string();
  if (!unicode) {
    const auto cols = static_cast<std::size_t>((static_cast<unsigned long long>(n) * width + most - 1) / most);
    return std::string(std::max<std::size_t>(cols, 1), '#');
  }
  static const char* const kEighths[] = {"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589"};
  auto eighths = static_cast<std::size_t>(static_cast<unsigned long long>(n) * width * 8 / most);
  eighths = std::max<std::size_t>(eighths, 1);
  std::string out;
  for (std::size_t i = 0; i < eighths / 8; ++i) out += "\u2588";
  out += kEighths[eighths % 8];
  return out;
}

void print_histogram(std::ostream& out, const Histogram& h, const TextChartStyle& style) {
  out << "Matches per " << name_of(h.interval) << (h.gaps_filled ? "" : " (non-empty periods only)") << ":\n";
  Xapian::doccount most = 0;
  std::size_t label = 7;  // "undated"
  for (const HistogramBucket& b : h.buckets) {
    most = std::max(most, b.count);
    label = std::max(label, b.period.size());
  }
  const std::size_t digits = std::to_string(std::max(most, h.undated)).size();
  // "  LABEL BAR COUNT"
  const std::size_t fixed = 2 + label + 1 + 1 + digits;
  const std::size_t width = style.width > fixed + 10 ? style.width - fixed : 10;
  for (const HistogramBucket& b : h.buckets) {
    const std::string bars = bar(b.count, most, width, style.unicode);
    out << "  " << b.period << std::string(label - b.period.size() + 1, ' ') << bars << (bars.empty() ? "" : " ")
        << b.count << '\n';
  }
  if (h.undated > 0) out << "  undated" << std::string(label - 7 + 1, ' ') << h.undated << '\n';
  out << '\n';
}

nlohmann::ordered_json histogram_json(const Histogram& h) {
  using json = nlohmann::ordered_json;
  json buckets = json::array();
  for (const HistogramBucket& b : h.buckets) buckets.push_back({{"period", b.period}, {"count", b.count}});
  return {{"interval", name_of(h.interval)},
          {"buckets", std::move(buckets)},
          {"undated", h.undated},
          {"total", h.total},
          {"gaps_filled", h.gaps_filled}};
}

nlohmann::ordered_json facet_list_json(const std::vector<FacetValue>& values) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const FacetValue& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
  return list;
}

// "12%", "0.4%", "<0.1%": n of `of`.
std::string percent(Xapian::doccount n, Xapian::doccount of) {
  if (of == 0) return "-";
  const double p = 100.0 * n / of;
  char buf[32];
  if (p >= 10 || p == 0) {
    std::snprintf(buf, sizeof buf, "%.0f%%", p);
  } else if (p >= 0.1) {
    std::snprintf(buf, sizeof buf, "%.1f%%", p);
  } else {
    return "<0.1%";
  }
  return buf;
}

class TextPrinter final : public Printer {
 public:
  explicit TextPrinter(const TextChartStyle& chart) : chart_(chart) {}
  using Printer::print;
  void print(const SearchResponse& response, std::ostream& out, std::ostream& err) const override {
    for (const std::string& w : response.warnings) err << "newsdex-search: warning: " << terminal_safe(w, false) << '\n';
    if (response.suggestion) {
      out << "Did you mean: " << terminal_safe(response.suggestion->query, false) << "? ("
          << count_text(response.suggestion->total, response.suggestion->total_exact) << ")\n\n";
    }
    for (const SearchResult& r : response.results) {
      // r.title and r.snippet are terminal-safe already (printer.h); every
      // other article field is made so here.
      out << r.rank << ". " << (r.title.empty() ? "(untitled)" : r.title) << '\n';
      std::string meta;
      auto add = [&meta](const std::string& part) {
        if (part.empty()) return;
        if (!meta.empty()) meta += " | ";
        meta += part;
      };
      add(date_only(r.article.date));
      add(r.article.source);
      add(r.article.author.empty() ? std::string() : "by " + r.article.author);
      add(r.article.language);
      add(r.article.url.empty() ? r.article.path + (r.article.line ? ":" + std::to_string(r.article.line) : "")
                                : r.article.url);
      out << "   " << terminal_safe(meta, false) << '\n';
      std::string ents;
      for (EntityType type : kEntityTypes) {
        std::vector<std::string> names = names_of(r.article, type);
        if (names.empty()) continue;
        if (names.size() > 4) names.resize(4);
        if (!ents.empty()) ents += "; ";
        ents += std::string(name_of(type)) + ": ";
        for (std::size_t i = 0; i < names.size(); ++i) ents += (i ? ", " : "") + names[i];
      }
      if (!ents.empty()) out << "   " << terminal_safe(ents, false) << '\n';
      if (!r.article.topics.empty()) {
        std::string topics = "topics: ";
        for (std::size_t i = 0; i < r.article.topics.size() && i < kShownTopics; ++i)
          topics += (i ? ", " : "") + r.article.topics[i];
        if (r.article.topics.size() > kShownTopics)
          topics += ", ... " + std::to_string(r.article.topics.size() - kShownTopics) + " more";
        out << "   " << terminal_safe(topics, false) << '\n';
      }
      if (r.group_size > 1) {
        const std::string list = "--duplicates-of " + r.group;
        out << "   "
            << terminal_safe(r.duplicates > 0 ? "+ " + std::to_string(r.duplicates) + " more like this, group of " +
                                                    std::to_string(r.group_size) + " near-duplicates (" + list + ")"
                                              : "one of " + std::to_string(r.group_size) + " near-duplicates (" + list + ")",
                             false)
            << '\n';
      }
      out << "   " << r.snippet << "\n\n";
    }
    if (!response.facets.empty()) {
      // Facets count articles, near-duplicates included, never groups.
      out << "Entities in " << (response.facets_exact ? "all " : "the best ") << response.facet_docs
          << (response.facet_docs == 1 ? " matching article" : " matching articles") << ":\n";
      for (const auto& [type, values] : response.facets) facet_line(out, name_of(type), values);
      facet_line(out, "topic", response.topic_facets);
      facet_line(out, "source", response.source_facets);
      facet_line(out, "language", response.language_facets);
      facet_line(out, "year", response.year_facets);
      out << '\n';
    }
    if (!response.top_words.empty()) {
      out << "Top words in " << (response.top_words_sample < response.total ? "the first " : "")
          << response.top_words_sample << (response.top_words_sample == 1 ? " match" : " matches")
          << " (share of them / of the archive's " << response.archive_docs << " articles):\n";
      std::size_t width = 0;
      for (const TopWord& w : response.top_words) width = std::max(width, w.word.size());
      for (const TopWord& w : response.top_words) {
        out << "  " << terminal_safe(w.word, false) << std::string(width - w.word.size() + 2, ' ')
            << percent(w.matches, response.top_words_sample) << " / " << percent(w.archive, response.archive_docs)
            << '\n';
      }
      out << '\n';
    }
    if (response.histogram) print_histogram(out, *response.histogram, chart_);
    out << count_text(response.total, response.total_exact);
    if (!response.results.empty()) {
      out << ", showing " << response.results.front().rank << "-" << response.results.back().rank;
    }
    if (response.collapsed && response.articles != response.total) {
      out << " (" << (response.articles_exact ? "" : "about ") << response.articles
          << " articles: near-duplicates shown once)";
    }
    out << '\n';
  }

  void print(const std::vector<ListedEntity>& entities, std::ostream& out) const override {
    for (const ListedEntity& e : entities) {
      out << e.articles << '\t' << terminal_safe(e.name, false) << '\n';
      if (!e.aliases.empty()) out << "\talso: " << terminal_safe(alias_text(e.aliases, e.type, 8), false) << '\n';
    }
  }

  void print(const EntityPage& page, std::ostream& out) const override {
    if (!page.found) return;
    const AliasTarget& e = page.entity;
    out << terminal_safe(e.name, false) << " (" << name_of(e.type) << ")\n";
    out << "  articles: " << page.articles;
    if (!page.first_date.empty()) out << ", " << page.first_date << " to " << page.last_date;
    if (page.undated > 0) out << " (" << page.undated << " undated)";
    out << '\n';
    out << "  search:   " << terminal_safe(page.query, false) << '\n';
    if (!page.aliases.empty()) out << "  also:     " << terminal_safe(alias_text(page.aliases, e.type, 20), false) << '\n';
    if (!page.months.empty()) {
      out << "  per month:\n";
      Xapian::doccount most = 1;
      for (const auto& [month, n] : page.months) most = std::max(most, n);
      for (const auto& [month, n] : page.months) {
        const auto bar = static_cast<std::size_t>((n * 40 + most - 1) / most);
        out << "    " << month << ' ' << std::string(bar, '#') << ' ' << n << '\n';
      }
    }
    bool any = false;
    for (const auto& [type, values] : page.related) any = any || !values.empty();
    if (any) {
      out << "  most often with:\n";
      for (const auto& [type, values] : page.related) {
        if (values.empty()) continue;
        out << "    " << name_of(type) << ":";
        for (const FacetValue& v : values) out << "  " << terminal_safe(v.value, false) << " (" << v.count << ")";
        out << '\n';
      }
    }
    if (!page.examples.empty()) {
      out << "  newest articles:\n";
      for (const SearchResult& r : page.examples) {
        out << "    " << date_only(r.article.date) << "  " << (r.title.empty() ? "(untitled)" : r.title) << '\n';
        out << "      " << r.snippet << '\n';
      }
    }
  }

  void print(const std::vector<BatchCount>& counts, std::ostream& out) const override {
    // Every histogram spans the same periods (count_queries): the first
    // one that has buckets names the columns.
    const Histogram* columns = nullptr;
    for (const BatchCount& c : counts) {
      if (c.histogram && (columns == nullptr || c.histogram->buckets.size() > columns->buckets.size())) {
        columns = &*c.histogram;
      }
    }
    std::string line = "query,count";
    if (columns != nullptr) {
      for (const HistogramBucket& b : columns->buckets) line += "," + b.period;
      line += ",undated";
    }
    out << line << "\r\n";
    for (const BatchCount& c : counts) {
      line.clear();
      append_csv_field(line, c.query.query);
      line += ",";
      if (c.error.empty()) line += std::to_string(c.count);
      if (columns != nullptr) {
        for (std::size_t i = 0; i < columns->buckets.size(); ++i) {
          line += ",";
          if (c.histogram && i < c.histogram->buckets.size()) line += std::to_string(c.histogram->buckets[i].count);
        }
        line += ",";
        if (c.histogram) line += std::to_string(c.histogram->undated);
      }
      out << line << "\r\n";
    }
  }

 private:
  TextChartStyle chart_;

  // "U.S. (12), Reagan (3 as misc)": at most `limit` names; the type is
  // said where it is not the entity's.
  static std::string alias_text(const std::vector<RawName>& aliases, EntityType type, std::size_t limit) {
    std::string text;
    for (std::size_t i = 0; i < aliases.size() && i < limit; ++i) {
      if (i > 0) text += ", ";
      text += aliases[i].name + " (" + std::to_string(aliases[i].articles);
      if (aliases[i].type != type) text += " as " + std::string(name_of(aliases[i].type));
      text += ")";
    }
    if (aliases.size() > limit) text += ", ... " + std::to_string(aliases.size() - limit) + " more";
    return text;
  }
};

// One search result as JSON.
nlohmann::ordered_json result_json(const SearchResult& r) {
  using json = nlohmann::ordered_json;
  const Article& a = r.article;
  json ents = json::object();
  for (EntityType type : kEntityTypes) ents[std::string(name_of(type))] = names_of(a, type);
  return {
      {"rank", r.rank},
      {"id", a.id},
      {"title", a.title},
      {"date", a.date ? json(format_iso8601(*a.date)) : json()},
      {"source", a.source},
      {"author", a.author},
      {"path", a.path},
      {"line", a.line},
      {"url", a.url},
      {"language", a.language.empty() ? json() : json(a.language)},
      {"score", r.score},
      {"snippet", r.snippet},
      {"entities", std::move(ents)},
      {"topics", a.topics},
      {"duplicates", r.duplicates},
      {"group", r.group.empty() ? json() : json(r.group)},
      {"group_size", r.group_size},
  };
}

class JsonPrinter final : public Printer {
 public:
  using Printer::print;
  void print(const SearchResponse& response, std::ostream& out, std::ostream& /*err*/) const override {
    using json = nlohmann::ordered_json;
    json results = json::array();
    for (const SearchResult& r : response.results) results.push_back(result_json(r));
    json j = {{"query", response.query},
              {"warnings", response.warnings},
              {"total", response.total},
              {"total_exact", response.total_exact},
              {"total_counts", response.collapsed ? "groups" : "articles"},
              {"articles", response.articles},
              {"articles_exact", response.articles_exact},
              {"duplicates", response.collapsed ? "collapse" : "show"},
              {"results", std::move(results)}};
    if (!response.like.empty()) j["like"] = response.like;
    j["suggestion"] = response.suggestion ? json{{"query", response.suggestion->query},
                                                 {"total", response.suggestion->total},
                                                 {"total_exact", response.suggestion->total_exact}}
                                          : json();
    if (response.top_words_sample > 0 || !response.top_words.empty()) {
      json words = json::array();
      for (const TopWord& w : response.top_words) {
        words.push_back({{"word", w.word}, {"term", w.term}, {"phrase", w.phrase}, {"matches", w.matches},
                         {"archive", w.archive}, {"score", w.score}});
      }
      j["top_words"] = std::move(words);
      j["top_words_sample"] = response.top_words_sample;
      j["archive_docs"] = response.archive_docs;
    }
    if (!response.facets.empty()) {
      j["facets_count"] = "articles";
      j["facet_docs"] = response.facet_docs;
      j["facets_exact"] = response.facets_exact;
      json facets = json::object();
      for (const auto& [type, values] : response.facets) facets[std::string(name_of(type))] = facet_list_json(values);
      facets["topic"] = facet_list_json(response.topic_facets);
      facets["source"] = facet_list_json(response.source_facets);
      facets["language"] = facet_list_json(response.language_facets);
      facets["year"] = facet_list_json(response.year_facets);
      j["facets"] = std::move(facets);
    }
    if (response.histogram) j["histogram"] = histogram_json(*response.histogram);
    out << to_json_text(j, 2) << '\n';
  }

  void print(const std::vector<ListedEntity>& entities, std::ostream& out) const override {
    using json = nlohmann::ordered_json;
    json list = json::array();
    for (const ListedEntity& e : entities) {
      list.push_back({{"value", e.name}, {"count", e.articles}, {"aliases", aliases_json(e.aliases)}});
    }
    out << to_json_text(list, 2) << '\n';
  }

  void print(const EntityPage& page, std::ostream& out) const override {
    using json = nlohmann::ordered_json;
    json months = json::array();
    for (const auto& [month, n] : page.months) months.push_back({{"month", month}, {"articles", n}});
    json related = json::object();
    for (const auto& [type, values] : page.related) {
      json list = json::array();
      for (const FacetValue& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
      related[std::string(name_of(type))] = std::move(list);
    }
    json examples = json::array();
    for (const SearchResult& r : page.examples) examples.push_back(result_json(r));
    json j = {{"found", page.found},
              {"name", page.found ? json(page.entity.name) : json()},
              {"type", page.found ? json(name_of(page.entity.type)) : json()},
              {"query", page.query},
              {"articles", page.articles},
              {"first_date", page.first_date.empty() ? json() : json(page.first_date)},
              {"last_date", page.last_date.empty() ? json() : json(page.last_date)},
              {"aliases", aliases_json(page.aliases)},
              {"months", std::move(months)},
              {"undated", page.undated},
              {"related", std::move(related)},
              {"examples", std::move(examples)}};
    out << to_json_text(j, 2) << '\n';
  }

  void print(const std::vector<BatchCount>& counts, std::ostream& out) const override {
    using json = nlohmann::ordered_json;
    json list = json::array();
    for (const BatchCount& c : counts) {
      json q = {{"line", c.query.line}, {"query", c.query.query}};
      if (!c.error.empty()) {
        q["error"] = c.error;
      } else {
        q["count"] = c.count;
        if (c.histogram) q["histogram"] = histogram_json(*c.histogram);
      }
      list.push_back(std::move(q));
    }
    out << to_json_text(json{{"queries", std::move(list)}}, 2) << '\n';
  }

 private:
  static nlohmann::ordered_json aliases_json(const std::vector<RawName>& aliases) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const RawName& a : aliases) {
      list.push_back({{"name", a.name}, {"type", name_of(a.type)}, {"articles", a.articles}});
    }
    return list;
  }
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(const TextChartStyle& chart) { return std::make_unique<TextPrinter>(chart); }
std::unique_ptr<Printer> make_json_printer() { return std::make_unique<JsonPrinter>(); }

void print_article_json(const SearchResult& result, std::ostream& out) {
  nlohmann::ordered_json j = result_json(result);
  j["body"] = result.article.body;
  out << to_json_text(j, 2) << '\n';
}

}  // namespace newsdex
