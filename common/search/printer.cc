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

// "N matches" when the count is exact; "about N matches" only for an
// estimate (never "about 1 match": an estimate below 2 is "1 or more").
std::string count_text(Xapian::doccount total, bool exact) {
  if (exact) return std::to_string(total) + (total == 1 ? " match" : " matches");
  if (total < 2) return "1 or more matches";
  return "about " + std::to_string(total) + " matches";
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
      out << "   " << r.snippet << "\n\n";
    }
    if (!response.facets.empty()) {
      out << "Entities in " << (response.facets_exact ? "all " : "the best ") << response.facet_docs
          << (response.facet_docs == 1 ? " match" : " matches") << ":\n";
      for (const auto& [type, values] : response.facets) {
        if (values.empty()) continue;
        out << "  " << name_of(type) << ":";
        for (const FacetValue& v : values) out << "  " << terminal_safe(v.value, false) << " (" << v.count << ")";
        out << '\n';
      }
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
    out << count_text(response.total, response.total_exact);
    if (!response.results.empty()) {
      out << ", showing " << response.results.front().rank << "-" << response.results.back().rank;
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

 private:
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
      j["facet_docs"] = response.facet_docs;
      j["facets_exact"] = response.facets_exact;
      json facets = json::object();
      for (const auto& [type, values] : response.facets) {
        json list = json::array();
        for (const FacetValue& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
        facets[std::string(name_of(type))] = std::move(list);
      }
      j["facets"] = std::move(facets);
    }
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

std::unique_ptr<Printer> make_text_printer() { return std::make_unique<TextPrinter>(); }
std::unique_ptr<Printer> make_json_printer() { return std::make_unique<JsonPrinter>(); }

}  // namespace newsdex
