// newsdex-index: reads articles from files and directories into a Xapian
// database. Exit codes: 0 all input indexed; 1 finished, but some inputs
// failed (each reported on stderr); 2 usage, configuration or database
// error; 75 another process is writing to the database.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "indexer.h"
#include "newsdex/database.h"
#include "newsdex/entities.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInputFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitLocked = 75;

const char* kUsage =
    "Usage: newsdex-index [OPTIONS] PATH...\n"
    "       newsdex-index --print FILE...\n"
    "\n"
    "Indexes news articles from files and directories (searched recursively)\n"
    "into a Xapian database. Formats, by extension: plain text (.txt), JSON\n"
    "Lines (.jsonl, .ndjson), JSON (.json: an object or an array of objects)\n"
    "and HTML (.html, .htm). An article already in the index (same id) is\n"
    "replaced. Hidden files and README/LICENSE files inside directories are\n"
    "skipped.\n";

const char* kExitCodes =
    "\nExit status:\n"
    "  0   all input indexed\n"
    "  1   finished, but some inputs failed (each reported on stderr)\n"
    "  2   usage, configuration or database error\n"
    "  75  another process is writing to the database (try again later)\n"
    "\nThe database is --db PATH, else $NEWSDEX_DB, else ./newsdex.db.\n";

struct Cli {
  newsdex::IndexOptions options;
  bool print = false;
  bool quiet = false;
};

void print_summary(const newsdex::IndexStats& s) {
  std::fprintf(stderr,
               "newsdex-index: added %llu, updated %llu, deleted %llu, unchanged %llu, failed %llu in %.2f s\n",
               static_cast<unsigned long long>(s.added), static_cast<unsigned long long>(s.updated),
               static_cast<unsigned long long>(s.deleted), static_cast<unsigned long long>(s.unchanged),
               static_cast<unsigned long long>(s.failed), s.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  Cli cli;
  std::string db;
  std::vector<std::string> fields;
  std::uint64_t max_file_mib = 256;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help and exit")
      ("version", "show the version and exit")
      ("db", po::value<std::string>(&db), "database to write (default $NEWSDEX_DB, else ./newsdex.db)")
      ("print", po::bool_switch(&cli.print), "index nothing; print each article read as a JSON line on stdout")
      ("field", po::value<std::vector<std::string>>(&fields)->composing(),
       "NAME=SOURCE: take Article field NAME (id, title, date, author, source, url, body) "
       "from JSON field SOURCE (a dotted path such as meta.headline); repeatable")
      ("no-entities", "do not extract people, places and organisations")
      ("max-file-size", po::value<std::uint64_t>(&max_file_mib)->default_value(256),
       "refuse files larger than this many MiB")
      ("batch-size", po::value<std::uint64_t>(&cli.options.batch_size)->default_value(10000),
       "articles per commit; a killed run loses at most one batch")
      ("quiet,q", po::bool_switch(&cli.quiet), "print only errors (no warnings, no summary)");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&cli.options.inputs));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "newsdex-index: " << e.what() << "\nTry 'newsdex-index --help'.\n";
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << kUsage << '\n' << visible << kExitCodes;
    return kExitOk;
  }
  if (vm.count("version")) {
    std::cout << "newsdex-index " << NEWSDEX_VERSION << '\n';
    return kExitOk;
  }
  if (cli.options.inputs.empty()) {
    std::cerr << "newsdex-index: no PATH given\nTry 'newsdex-index --help'.\n";
    return kExitUsage;
  }
  for (const std::string& f : fields) {
    const auto eq = f.find('=');
    static const char* known[] = {"id", "title", "date", "author", "source", "url", "body"};
    const std::string name = f.substr(0, eq);
    bool ok = eq != std::string::npos && eq + 1 < f.size();
    ok = ok && std::find(std::begin(known), std::end(known), name) != std::end(known);
    if (!ok) {
      std::cerr << "newsdex-index: bad --field '" << f
                << "': use NAME=SOURCE with NAME one of id, title, date, author, source, url, body\n";
      return kExitUsage;
    }
    cli.options.reader.field_overrides[name] = f.substr(eq + 1);
  }
  if (cli.options.batch_size == 0) {
    std::cerr << "newsdex-index: --batch-size must be at least 1\n";
    return kExitUsage;
  }
  cli.options.max_file_bytes = max_file_mib << 20;
  cli.options.extract_entities = vm.count("no-entities") == 0;
  cli.options.db_path = newsdex::resolve_db_path(db);

  const bool quiet = cli.quiet;
  newsdex::DiagnosticSink diag = [quiet](const std::string& line, bool failed) {
    if (quiet && !failed) return;
    std::fprintf(stderr, "newsdex-index: %s: %s\n", failed ? "error" : "warning", line.c_str());
  };

  try {
    newsdex::IndexStats stats = cli.print ? newsdex::run_print(cli.options, diag)
                                          : newsdex::run_index(cli.options, diag);
    if (!quiet && !cli.print) print_summary(stats);
    return stats.failed > 0 ? kExitInputFailed : kExitOk;
  } catch (const newsdex::DbError& e) {
    std::cerr << "newsdex-index: " << e.what() << '\n';
    return e.kind() == newsdex::DbErrorKind::locked ? kExitLocked : kExitUsage;
  } catch (const newsdex::EntityModelError& e) {
    std::cerr << "newsdex-index: cannot load the entity model: " << e.what() << '\n';
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "newsdex-index: " << e.what() << '\n';
    return kExitUsage;
  }
}
