#include "newsdex/printer.h"

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

class TextPrinter final : public Printer {
 public:
  void print(const SearchResponse& response, std::ostream& out, std::ostream& err) const override {
    for (const std::string& w : response.warnings) err << "newsdex-search: warning: " << terminal_safe(w, false) << '\n';
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
    out << count_text(response.total, response.total_exact);
    if (!response.results.empty()) {
      out << ", showing " << response.results.front().rank << "-" << response.results.back().rank;
    }
    out << '\n';
  }
};

class JsonPrinter final : public Printer {
 public:
  void print(const SearchResponse& response, std::ostream& out, std::ostream& /*err*/) const override {
    using json = nlohmann::ordered_json;
    json results = json::array();
    for (const SearchResult& r : response.results) {
      const Article& a = r.article;
      json ents = json::object();
      for (EntityType type : kEntityTypes) ents[std::string(name_of(type))] = names_of(a, type);
      results.push_back({
          {"rank", r.rank},
          {"id", a.id},
          {"title", a.title},
          {"date", a.date ? json(format_iso8601(*a.date)) : json()},
          {"source", a.source},
          {"author", a.author},
          {"path", a.path},
          {"line", a.line},
          {"url", a.url},
          {"score", r.score},
          {"snippet", r.snippet},
          {"entities", std::move(ents)},
      });
    }
    json j = {{"query", response.query},
              {"warnings", response.warnings},
              {"total", response.total},
              {"total_exact", response.total_exact},
              {"results", std::move(results)}};
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
};

}  // namespace

std::unique_ptr<Printer> make_text_printer() { return std::make_unique<TextPrinter>(); }
std::unique_ptr<Printer> make_json_printer() { return std::make_unique<JsonPrinter>(); }

}  // namespace newsdex
