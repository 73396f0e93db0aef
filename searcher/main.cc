// newsdex-search: queries a newsdex database. Exit codes like grep: 0 some
// results, 1 no results, 2 error (bad query, missing database).
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "cli_doc.h"
#include "newsdex/database.h"
#include "newsdex/export.h"
#include "newsdex/histogram.h"
#include "newsdex/json.h"
#include "newsdex/language.h"
#include "newsdex/printer.h"
#include "newsdex/query.h"
#include "newsdex/schema.h"
#include "newsdex/search.h"
#include "newsdex/text.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitFound = 0;
constexpr int kExitNone = 1;
constexpr int kExitError = 2;

// What --help, the man page and bash completion say (with the options
// table in main).
newsdex::cli::ProgramDoc program_doc() {
  newsdex::cli::ProgramDoc d;
  d.name = "newsdex-search";
  d.summary = "search a newsdex database of news articles";
  d.synopsis = {"[OPTIONS] QUERY...", "--all [OPTIONS] [FILTERS...]", "--duplicates-of ID [QUERY...]",
                "--export csv|jsonl [--fields LIST] QUERY...", "--queries FILE [--histogram INTERVAL]", "--stats",
                "--entity-list TYPE [PREFIX]", "--entity NAME"};
  std::string fields;
  auto add_field = [&fields](std::string_view name, std::string_view help) {
    fields += "  " + std::string(name) + ":" + std::string(10 - name.size(), ' ') + std::string(help) + "\n";
  };
  for (const newsdex::schema::Field& f : newsdex::schema::kFields) {
    if (f.kind == newsdex::schema::FieldKind::text) add_field(f.name, f.help);
  }
  for (const newsdex::schema::EntityField& f : newsdex::schema::kEntityFields) add_field(newsdex::name_of(f.type), f.help);
  for (const newsdex::schema::Field& f : newsdex::schema::kFields) {
    if (f.kind != newsdex::schema::FieldKind::text) add_field(f.name, f.help);
  }
  d.description =
      "Searches a newsdex database. QUERY uses Xapian's query syntax: words,\n"
      "\"exact phrases\", AND / OR / NOT / XOR, +required -excluded, (groups),\n"
      "trailing-* wildcards, NEAR and ADJ, and these fields:\n" +
      fields +
      "  entity:    a person, place, organisation or misc entity\n"
      "  date:D     published in the year, month or day D (YYYY, YYYY-MM or\n"
      "             YYYY-MM-DD)\n"
      "  date:A..B  published between A and B inclusive (either end may be\n"
      "             left open: date:2025..)\n"
      "\n"
      "  like:ID    the articles most like the article of id ID\n"
      "\n"
      "Words match case- and accent-insensitively and by stem, in every\n"
      "language of the archive (or those of --lang); Chinese, Japanese and\n"
      "Korean text by overlapping character pairs. U.S. is the word US. Where\n"
      "the query is read otherwise than written (an unknown field, a misplaced\n"
      "*, an unbalanced quote) a warning says so on stderr.\n"
      "\n"
      "A query of filters only (place:Japan date:1987-03) lists every article\n"
      "they match, newest first; so does * (every article), or --all with no\n"
      "query. --export writes every match as data (CSV or JSON Lines, the\n"
      "archive's text as stored), --queries counts many queries at once.\n"
      "\n"
      "A query with few matches (3 or fewer) whose misspelled words, corrected,\n"
      "find at least twice as many gets a line \"Did you mean: QUERY? (N matches)\"\n"
      "(in --json, \"suggestion\"): the same query with only those words replaced.\n";
  d.exit_status = {
      {"0", "results found (--export: some article written; --queries: every line ran)"},
      {"1", "no results (--export: no article written)"},
      {"2", "error (bad query, no database, an index in another format; --queries: a line that did not "
            "parse, after the others ran)"},
  };
  d.environment = {
      {"NEWSDEX_DB", "the database when --db is not given (else ./newsdex.db)"},
  };
  d.examples = {
      {"newsdex-search Tartus", "articles about Tartus, best first"},
      {"newsdex-search 'title:cocoa date:1987-03'", "cocoa in the headline, March 1987"},
      {"newsdex-search --sort date '\"wheat shipments\" -rice'", "a phrase without a word, newest first"},
      {"newsdex-search --json 'person:\"Vladimir Putin\" date:2025-10'", "an entity in a month, as JSON"},
      {"newsdex-search --duplicates-of reuters-1234", "the near-duplicates of one article"},
      {"newsdex-search --entity-list person vlad", "known people whose names start with vlad"},
      {"newsdex-search --entity 'Ronald Reagan'", "one entity's page: aliases, months, related entities"},
      {"newsdex-search --histogram month 'person:\"Ronald Reagan\"'", "a person's coverage, month by month"},
      {"newsdex-search --sort date-asc --offset 20 place:Japan", "articles about Japan, oldest first, from the 21st"},
      {"newsdex-search --export csv --fields id,date,title oil > oil.csv", "every article about oil as CSV"},
      {"newsdex-search --queries terms.txt --histogram year", "each line's count and counts per year, as CSV"},
      {"newsdex-search --like reuters-1 date:1987", "articles like reuters-1, of 1987"},
      {"newsdex-search --top-words 10 'person:\"Ronald Reagan\"'", "the words of his coverage"},
  };
  d.see_also = {"newsdex-index(1)"};
  return d;
}

// Writes "newsdex-search: MESSAGE" on stderr, one line, terminal-safe
// (messages quote queries, paths and archive text).
void report(const std::string& message) {
  std::cerr << "newsdex-search: " << newsdex::terminal_safe(message, false) << '\n';
}

// The --db values, or the default database.
std::vector<std::string> db_paths(const std::vector<std::string>& given) {
  if (given.empty()) return {newsdex::resolve_db_path(std::string())};
  return given;
}

// Histogram bars: block characters across the terminal's width on a
// terminal (unless --color never), else '#' across 80 columns ($COLUMNS).
newsdex::TextChartStyle chart_style(const std::string& color) {
  newsdex::TextChartStyle style;
  const bool tty = ::isatty(STDOUT_FILENO) != 0;
  struct winsize ws {};
  if (tty && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    style.width = ws.ws_col;
  } else if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && std::atoi(columns) > 0) {
    style.width = static_cast<std::size_t>(std::atoi(columns));
  }
  style.unicode = (tty && color != "never") || color == "always";
  return style;
}

}  // namespace

int main(int argc, char** argv) {
  newsdex::SearchOptions options;
  std::vector<std::string> dbs;
  std::string sort = "relevance", op = "or", color = "auto", duplicates = "collapse", histogram, export_format,
              fields, queries_file, languages;
  std::vector<std::string> words;
  Xapian::doccount limit = 10, offset = 0;
  bool json = false;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help and exit")
      ("version", "show the version and exit")
      ("db", po::value<std::vector<std::string>>(&dbs)->composing()->value_name("DB"),
       "database to search: a newsdex database, a Xapian database, or a stub file listing local "
       "databases and 'remote HOST:PORT' xapian-tcpsrv shards; repeat to search several as one "
       "(default $NEWSDEX_DB, else ./newsdex.db)")
      ("json", po::bool_switch(&json), "print one JSON object (query, total, results) on stdout")
      ("facets", "also show the people, places and organisations the matching articles are about, "
                 "their publishers' topics, sources, languages and years, with article counts (always included in --json). Counts are exact over all matches "
                 "when there are at most --facet-depth of them, else over a sample of that many (the first in index order)")
      ("facet-limit", po::value<Xapian::doccount>(&options.facet_limit)->default_value(10)->value_name("N"),
       "values shown per facet (entity type, topic, source, language, year)")
      ("facet-depth", po::value<Xapian::doccount>(&options.facet_depth)->default_value(10000)->value_name("N"),
       "count facets over at most this many matches (exact when there are no more)")
      ("entity-list", po::value<std::string>()->value_name("person|place|org|misc"),
       "TYPE [PREFIX]: list known entities of TYPE (person, place, org, misc), optionally only "
       "those starting with PREFIX, with article counts, most frequent first (--limit applies)")
      ("entity", po::value<std::string>()->value_name("NAME"),
       "show one entity's page: its canonical name and type, the names it goes by, its articles, first "
       "and last date, articles per month, the entities named most often with it, and its newest articles "
       "(NAME: any of its names, or TYPE:NAME)")
      ("like", po::value<std::string>(&options.like)->value_name("ID"),
       "more like this: the articles most like the article of id ID (its most telling words, by "
       "Xapian's relevance feedback), itself and its near-duplicates left out; a QUERY, if given, only restricts them (filters, "
       "words); in a query, like:ID does the same as an item of its own")
      ("top-words", po::value<std::size_t>(&options.top_words)->implicit_value(20)->value_name("N"),
       "also list the N (default 20) words and two-word phrases most unusually frequent in the first 500 matches (best or newest) compared "
       "with the whole archive (stopwords, numbers and the query's own words left out)")
      ("stats", "print the number of articles, date range, sources, index size and last index run, then exit")
      ("limit,n", po::value<Xapian::doccount>(&limit)->default_value(10)->value_name("N"), "show at most N results")
      ("offset", po::value<Xapian::doccount>(&offset)->default_value(0)->value_name("N"), "skip the first N results")
      ("sort", po::value<std::string>(&sort)->default_value("relevance")->value_name("relevance|date|date-asc"),
       "relevance (BM25), date (newest first) or date-asc (oldest first); a query of filters only "
       "(place:, date:...) is newest first unless date-asc is asked")
      ("all", "with no QUERY, list every article (as the query * does); with filters only, what they match")
      ("histogram", po::value<std::string>(&histogram)->value_name("year|month|week|day"),
       "also count every match per year, month, ISO week or day, exactly, from the first to the last dated "
       "match (empty periods 0, undated matches apart): a chart on a terminal, \"histogram\" in --json, "
       "columns with --queries")
      ("export", po::value<std::string>(&export_format)->value_name("csv|jsonl"),
       "write every match (no --limit, in index order, in constant memory) as CSV (RFC 4180, a header line) "
       "or JSON Lines, with --fields; the archive's text as stored: redirect it to a file")
      ("fields", po::value<std::string>(&fields)->value_name("LIST"),
       "comma-separated fields for --export (default id,date,title,source,url): id, date, title, source, author, "
       "url, path, line, language, body, topics, entities.person, entities.place, entities.org, entities.misc")
      ("queries", po::value<std::string>(&queries_file)->value_name("FILE"),
       "run each non-blank line of FILE ('-': standard input) as a query and print its exact count (and "
       "--histogram's counts) as CSV (query,count,...) or, with --json, JSON; a line that does not parse is "
       "reported on stderr with its line number and the others go on")
      ("duplicates", po::value<std::string>(&duplicates)->default_value("collapse")->value_name("collapse|show"),
       "near-duplicate articles (the same body, or the same story with a changed paragraph or figure): "
       "collapse shows the best of each group once, with how many more it stands for, and counts "
       "groups in the total; show lists every article (facets always count articles)")
      ("duplicates-of", po::value<std::string>(&options.duplicates_of)->value_name("ID"),
       "list the near-duplicates of article ID (ID itself included), those matching QUERY when one is given")
      ("lang", po::value<std::string>(&languages)->value_name("LIST"),
       "analyse the query's words for these languages (comma-separated ISO 639-1 codes: ru, or fr,de) "
       "instead of every language of the archive: each word finds its stems in each (by default: the "
       "archive's languages, so мороз finds Морозы)")
      ("default-op", po::value<std::string>(&op)->default_value("or")->value_name("or|and"),
       "how words without an operator combine: or (ranked, any word) or and (all words)")
      ("color", po::value<std::string>(&color)->default_value("auto")->value_name("auto|always|never"),
       "highlight matches in bold: auto (on a terminal), always, never ([...] markers)");
  po::options_description hidden;
  hidden.add_options()("query", po::value<std::vector<std::string>>(&words));
  newsdex::cli::add_doc_options(hidden);
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    report(e.what());
    std::cerr << "Try 'newsdex-search --help'.\n";
    return kExitError;
  }
  if (newsdex::cli::print_requested_doc(vm, program_doc(), visible, NEWSDEX_VERSION)) return kExitFound;
  if (vm.count("stats")) {
    try {
      const newsdex::IndexSummary s = newsdex::summarize_index(newsdex::resolve_db_path(dbs.empty() ? std::string() : dbs.front()));
      std::cout << (json ? newsdex::summary_json(s) + "\n" : newsdex::terminal_safe(newsdex::summary_text(s)));
      return kExitFound;
    } catch (const newsdex::DbError& e) {
      report(e.what());
      return kExitError;
    }
  }
  if (vm.count("entity-list")) {
    std::string prefix;
    for (const std::string& w : words) prefix += (prefix.empty() ? "" : " ") + w;
    try {
      const std::string& type_name = vm["entity-list"].as<std::string>();
      const std::optional<newsdex::EntityType> type = newsdex::entity_type_named(type_name);
      if (!type) {
        report("unknown entity type '" + type_name + "' (use person, place, org or misc)");
        return kExitError;
      }
      const auto entities = newsdex::list_entities(db_paths(dbs), *type, prefix, vm["limit"].as<Xapian::doccount>());
      (json ? newsdex::make_json_printer() : newsdex::make_text_printer())->print(entities, std::cout);
      return entities.empty() ? kExitNone : kExitFound;
    } catch (const newsdex::DbError& e) {
      report(e.what());
      return kExitError;
    }
  }
  for (const std::string& w : words) {
    if (!options.query.empty()) options.query += ' ';
    options.query += w;
  }
  const bool match_all = vm.count("all") > 0;
  if (options.query.empty() && !vm.count("entity") && !match_all && queries_file.empty() &&
      options.duplicates_of.empty() && options.like.empty()) {
    std::cerr << "newsdex-search: no QUERY given\nTry 'newsdex-search --help'.\n";
    return kExitError;
  }
  if (sort != "relevance" && sort != "date" && sort != "date-asc") {
    std::cerr << "newsdex-search: --sort must be relevance, date or date-asc\n";
    return kExitError;
  }
  std::optional<newsdex::Interval> interval;
  if (vm.count("histogram")) {
    interval = newsdex::interval_named(histogram);
    if (!interval) {
      report("--histogram must be year, month, week or day, not '" + histogram + "'");
      return kExitError;
    }
  }
  if (!export_format.empty() && export_format != "csv" && export_format != "jsonl") {
    report("--export must be csv or jsonl, not '" + export_format + "'");
    return kExitError;
  }
  if (!export_format.empty() && (interval || !queries_file.empty() || json || !vm["sort"].defaulted() || offset > 0)) {
    report("--export writes every match in index order: it does not combine with --histogram, --queries, --json, "
           "--sort or --offset");
    return kExitError;
  }
  if (!fields.empty() && export_format.empty()) {
    report("--fields applies to --export only");
    return kExitError;
  }
  if (!queries_file.empty() && !options.query.empty()) {
    report("--queries takes its queries from FILE, not the command line");
    return kExitError;
  }
  if (duplicates != "collapse" && duplicates != "show") {
    std::cerr << "newsdex-search: --duplicates must be collapse or show\n";
    return kExitError;
  }
  if (op != "or" && op != "and") {
    std::cerr << "newsdex-search: --default-op must be or or and\n";
    return kExitError;
  }
  if (color != "auto" && color != "always" && color != "never") {
    std::cerr << "newsdex-search: --color must be auto, always or never\n";
    return kExitError;
  }
  const bool bold = color == "always" || (color == "auto" && !json && ::isatty(STDOUT_FILENO));
  if (json) {
    options.snippet_style = {"<b>", "</b>", true};
  } else {
    // Text reaches a terminal: every article field is made terminal-safe
    // (titles and snippets here, the rest by the text printer).
    options.snippet_style = bold ? newsdex::HighlightStyle{"\x1b[1m", "\x1b[0m", false, true}
                                 : newsdex::HighlightStyle{"[", "]", false, true};
    options.title_style = bold ? options.snippet_style : newsdex::HighlightStyle{"", "", false, true};
  }
  if (vm.count("entity")) {
    newsdex::EntityPageOptions page_options;
    page_options.db_paths = db_paths(dbs);
    page_options.name = vm["entity"].as<std::string>();
    for (const std::string& w : words) page_options.name += " " + w;
    page_options.related_limit = options.facet_limit;
    page_options.examples = std::min<Xapian::doccount>(limit, 10);
    page_options.snippet_style = options.snippet_style;
    page_options.title_style = options.title_style;
    try {
      const newsdex::EntityPage page = newsdex::entity_page(page_options);
      (json ? newsdex::make_json_printer() : newsdex::make_text_printer())->print(page, std::cout);
      if (!page.found) report("no entity '" + page_options.name + "' in the archive (see --entity-list)");
      return page.found ? kExitFound : kExitNone;
    } catch (const newsdex::DbError& e) {
      report(e.what());
      return kExitError;
    }
  }
  options.db_paths = db_paths(dbs);
  options.sort = sort == "date"       ? newsdex::SortOrder::date
                 : sort == "date-asc" ? newsdex::SortOrder::date_asc
                                      : newsdex::SortOrder::relevance;
  options.query_options.default_op = op == "and" ? Xapian::Query::OP_AND : Xapian::Query::OP_OR;
  if (vm.count("lang")) {
    try {
      options.query_options.languages = newsdex::language_list(languages);
    } catch (const std::invalid_argument& e) {
      report(std::string("--lang: ") + e.what());
      return kExitError;
    }
  }
  options.match_all = match_all;
  options.limit = limit;
  options.duplicates = duplicates == "show" ? newsdex::DuplicateMode::show : newsdex::DuplicateMode::collapse;
  options.facets = json || vm.count("facets") > 0;
  options.offset = offset;
  options.histogram = interval;

  try {
    if (!export_format.empty()) {
      newsdex::ExportOptions e;
      e.db_paths = options.db_paths;
      e.query = options.query;
      e.query_options = options.query_options;
      e.match_all = match_all;
      e.format = export_format == "csv" ? newsdex::ExportFormat::csv : newsdex::ExportFormat::jsonl;
      if (!fields.empty()) e.fields = newsdex::parse_field_list(fields);
      e.terminal_safe = ::isatty(STDOUT_FILENO) != 0;
      std::ios::sync_with_stdio(false);
      const Xapian::doccount n = newsdex::export_matches(e, std::cout);
      return n > 0 ? kExitFound : kExitNone;
    }
    if (!queries_file.empty()) {
      std::ifstream file;
      if (queries_file != "-") {
        file.open(queries_file);
        if (!file) {
          report("cannot read '" + queries_file + "'");
          return kExitError;
        }
      }
      newsdex::BatchOptions b;
      b.db_paths = options.db_paths;
      b.query_options = options.query_options;
      b.histogram = interval;
      const std::vector<newsdex::BatchCount> counts =
          newsdex::count_queries(b, newsdex::read_query_lines(queries_file == "-" ? std::cin : file));
      bool failed = false;
      for (const newsdex::BatchCount& c : counts) {
        if (c.error.empty()) continue;
        report(queries_file + ":" + std::to_string(c.query.line) + ": " + c.error);
        failed = true;
      }
      (json ? newsdex::make_json_printer() : newsdex::make_text_printer())->print(counts, std::cout);
      return failed ? kExitError : kExitFound;
    }
    const newsdex::SearchResponse response = newsdex::run_search(options);
    auto printer = json ? newsdex::make_json_printer() : newsdex::make_text_printer(chart_style(color));
    printer->print(response, std::cout, std::cerr);
    std::cout.flush();
    return response.results.empty() && response.total == 0 ? kExitNone : kExitFound;
  } catch (const newsdex::QueryError& e) {
    report(e.what());
    return kExitError;
  } catch (const newsdex::FieldListError& e) {
    report(std::string("--fields: ") + e.what());
    return kExitError;
  } catch (const newsdex::DbError& e) {
    report(e.what());
    return kExitError;
  } catch (const std::exception& e) {
    report(e.what());
    return kExitError;
  }
}
