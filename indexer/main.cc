// newsdex-index: reads articles from files and directories into a Xapian
// database. Exit codes: 0 all input indexed; 1 finished, but some inputs
// failed (each reported on stderr); 2 usage, configuration or database
// error; 75 another process is writing to the database; 130/143 stopped by
// SIGINT/SIGTERM after committing what was done.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "cli_doc.h"
#include "indexer.h"
#include "newsdex/database.h"
#include "newsdex/entities.h"
#include "newsdex/identity.h"
#include "newsdex/json.h"
#include "newsdex/readers.h"
#include "newsdex/text.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInputFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitLocked = 75;

// What --help, the man page and bash completion say (with the options
// table in main).
newsdex::cli::ProgramDoc program_doc() {
  newsdex::cli::ProgramDoc d;
  d.name = "newsdex-index";
  d.summary = "index news articles into a newsdex (Xapian) database";
  d.synopsis = {"[OPTIONS] [PATH...]", "--print FILE...", "--stats | --compact"};
  d.description =
      "Indexes news articles from files and directories (searched recursively)\n"
      "into a Xapian database. Formats, by extension: " + newsdex::supported_formats() + ".\n"
      "Hidden files and README/LICENSE files inside directories are skipped;\n"
      "files of other types are counted by extension.\n"
      "\n"
      "Re-runs are incremental: files with the same size and modification time\n"
      "(or the same content) are not read again; changed files are re-read and\n"
      "only their new and changed articles rewritten; articles of files (or JSON\n"
      "records) that vanished from under the given PATHs are deleted, unless a\n"
      "run would delete more than --max-delete of one PATH's articles. The\n"
      "database remembers its PATHs and settings (--field, --no-entities, size\n"
      "limits): with no PATH, the remembered ones are indexed again. Commits\n"
      "happen every --batch-size articles, so a killed run loses at most one\n"
      "batch and the next run completes the work. Searches keep working\n"
      "throughout. The summary line on stderr reads:\n"
      "  added A, updated U, deleted D, unchanged N, failed F in T s\n";
  d.exit_status = {
      {"0", "all input indexed"},
      {"1", "finished, but some inputs failed or deletions were refused (each reported on stderr)"},
      {"2", "usage, configuration or database error"},
      {"75", "another process is writing to the database (try again later, or --wait)"},
      {"130", "stopped by SIGINT; 143 by SIGTERM (work done so far is committed)"},
  };
  d.environment = {
      {"NEWSDEX_DB", "the database when --db is not given (else ./newsdex.db)"},
      {"NEWSDEX_DATA_DIR", "where the entity model and gazetteer are (else the installed share/newsdex)"},
  };
  d.examples = {
      {"newsdex-index --db news.db /srv/news", "index an archive (and, run again, what changed in it)"},
      {"newsdex-index --db news.db", "index the archive the database remembers again, e.g. from cron"},
      {"newsdex-index --db news.db --dry-run", "print what a run would add, update and delete"},
      {"newsdex-index --db news.db --prune --allow-delete", "delete the articles of files that are gone"},
      {"newsdex-index --print article.html", "show the articles a file gives, as JSON Lines"},
  };
  d.see_also = {"newsdex-search(1)"};
  return d;
}

constexpr int kExitSignalBase = 128;

struct Cli {
  newsdex::IndexOptions options;
  bool print = false;
  bool quiet = false;
  std::string summary_json;
};

std::atomic<int> g_stop_signal{0};

extern "C" void on_stop_signal(int sig) { g_stop_signal.store(sig); }

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// Writes the JSON summary to `target` ("-" for stdout). Returns false with
// a message on stderr when the file cannot be written.
bool write_summary_json(const std::string& target, const std::string& json) {
  if (target.empty()) return true;
  if (target == "-") {
    std::cout << json << std::endl;
    return true;
  }
  std::ofstream out(target);
  out << json << '\n';
  if (!out) {
    std::cerr << "newsdex-index: cannot write --summary-json file '" << target << "'\n";
    return false;
  }
  return true;
}

void print_summary(const newsdex::IndexStats& s) {
  std::cerr << "newsdex-index: " << newsdex::terminal_safe(newsdex::stats_line(s), false) << '\n';
}

// Reports a run that could not happen: one line on stderr and, when asked,
// a JSON summary with the exit code and the error. Returns `code`.
int fail_run(const std::string& summary_target, const std::string& message, int code) {
  std::cerr << "newsdex-index: " << newsdex::terminal_safe(message, false) << '\n';
  nlohmann::ordered_json j = {{"exit_code", code}, {"error", message}};
  write_summary_json(summary_target, newsdex::to_json_text(j));
  return code;
}

// The Article fields --field takes, ", "-separated.
std::string json_field_list() {
  std::string out;
  for (const std::string& f : newsdex::json_article_fields()) out += (out.empty() ? "" : ", ") + f;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Cli cli;
  std::string db;
  std::vector<std::string> fields;
  std::uint64_t max_file_mib = 256;
  std::uint64_t max_article_mib = 8;
  unsigned max_delete = 50;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help and exit")
      ("version", "show the version and exit")
      ("db", po::value<std::string>(&db)->value_name("DB"),
       "database to write (default $NEWSDEX_DB, else ./newsdex.db)")
      ("print", po::bool_switch(&cli.print), "index nothing; print each article read as a JSON line on stdout")
      ("field", po::value<std::vector<std::string>>(&fields)->composing()->value_name("NAME=SOURCE"),
       ("take Article field NAME (" + json_field_list() +
        ") from JSON field SOURCE (a dotted path such as meta.headline); NAME= forgets NAME's mapping; "
        "repeatable; remembered by the database")
           .c_str())
      ("no-entities", "do not extract people, places and organisations (remembered by the database)")
      ("entities", "extract them again after --no-entities (the default)")
      ("aliases", po::value<std::string>()->value_name("FILE"),
       "correct entities with an alias file (lines 'merge TYPE:NAME = TYPE:NAME', 'rename TYPE:NAME = NAME', "
       "'type TYPE:NAME = TYPE', 'hide TYPE:NAME'); kept by the database and applied by every later run "
       "(an empty file drops them). Without PATH, applies it to the index as it is, reading no source")
      ("max-file-size", po::value<std::uint64_t>(&max_file_mib)->value_name("MIB"),
       "refuse files larger than this many MiB (default 256; remembered)")
      ("max-article-size", po::value<std::uint64_t>(&max_article_mib)->value_name("MIB"),
       "index at most this many MiB of an article's body; the rest is cut with a warning (0: no limit; "
       "default 8; remembered)")
      ("max-delete", po::value<unsigned>(&max_delete)->default_value(50)->value_name("PCT"),
       "a run that would delete more than PCT% of the articles under one PATH deletes nothing "
       "there and exits 1 (100: no limit)")
      ("allow-delete", po::bool_switch(&cli.options.allow_delete),
       "let any deletion through (a deliberate purge); same as --max-delete 100")
      ("prune", po::bool_switch(&cli.options.prune),
       "also delete the articles of remembered files and PATHs that no longer exist anywhere (after an "
       "archive was moved or removed), and forget those PATHs; works with --dry-run")
      ("shards", po::value<unsigned>()->value_name("N"),
       "split a new database (or a --rebuild) into N shards by a hash of the article id "
       "(default: the number of CPU cores, at most 8)")
      ("shard-by", po::value<std::string>()->value_name("year|month|source"),
       "split a new database (or a --rebuild) by year, month or source instead: a nightly run "
       "then touches only the shards whose articles changed")
      ("threads", po::value<unsigned>(&cli.options.threads)->value_name("N"),
       "writer threads (default: the number of CPU cores, at most 8)")
      ("batch-size", po::value<std::uint64_t>(&cli.options.batch_size)->default_value(10000)->value_name("N"),
       "articles per commit; a killed run loses at most one batch")
      ("dry-run,n", po::bool_switch(&cli.options.dry_run),
       "print what would be added, updated and deleted (one line each on stdout); change nothing")
      ("rebuild", po::bool_switch(&cli.options.rebuild),
       "index PATHs into a fresh database beside the live one, then switch to it atomically")
      ("wait", po::bool_switch(&cli.options.wait_for_lock),
       "wait for another writer to finish instead of exiting 75")
      ("summary-json", po::value<std::string>(&cli.summary_json)->value_name("FILE"),
       "also write the summary as JSON to FILE (- for stdout)")
      ("stats", "print article count, date range, sources, index size and the last run, then exit")
      ("compact", "compact the database (readers switch atomically), then exit")
      ("quiet,q", po::bool_switch(&cli.quiet), "print only errors (no warnings, no summary, no progress)");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&cli.options.inputs));
  newsdex::cli::add_doc_options(hidden);
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "newsdex-index: " << newsdex::terminal_safe(e.what(), false) << "\nTry 'newsdex-index --help'.\n";
    return kExitUsage;
  }
  if (newsdex::cli::print_requested_doc(vm, program_doc(), visible, NEWSDEX_VERSION)) return kExitOk;
  cli.options.db_path = newsdex::resolve_db_path(db);
  const bool quiet = cli.quiet;
  const newsdex::NoticeSink notice = [quiet](const std::string& line) {
    if (!quiet) std::cerr << "newsdex-index: " << newsdex::terminal_safe(line, false) << '\n';
  };
  if (vm.count("stats") || vm.count("compact")) {
    try {
      if (vm.count("compact")) {
        newsdex::compact_index(cli.options, notice);
        if (!cli.quiet) std::cerr << "newsdex-index: compacted " << newsdex::terminal_safe(cli.options.db_path, false) << '\n';
      } else {
        std::cout << newsdex::summary_text(newsdex::summarize_index(cli.options.db_path));
      }
      return kExitOk;
    } catch (const newsdex::DbError& e) {
      std::cerr << "newsdex-index: " << newsdex::terminal_safe(e.what(), false) << '\n';
      return e.kind() == newsdex::DbErrorKind::locked ? kExitLocked : kExitUsage;
    }
  }
  if (cli.print && cli.options.inputs.empty()) {
    std::cerr << "newsdex-index: --print needs a FILE\nTry 'newsdex-index --help'.\n";
    return kExitUsage;
  }
  for (const std::string& f : fields) {
    const auto eq = f.find('=');
    const std::vector<std::string>& known = newsdex::json_article_fields();
    const std::string name = f.substr(0, eq);
    bool ok = eq != std::string::npos;
    ok = ok && std::find(known.begin(), known.end(), name) != known.end();
    if (!ok) {
      std::cerr << "newsdex-index: bad --field '" << newsdex::terminal_safe(f, false)
                << "': use NAME=SOURCE (or NAME= to forget it) with NAME one of " << json_field_list() << '\n';
      return kExitUsage;
    }
    cli.options.given.fields[name] = f.substr(eq + 1);
  }
  if (max_delete > 100) {
    std::cerr << "newsdex-index: --max-delete must be a percentage, 0 to 100\n";
    return kExitUsage;
  }
  cli.options.max_delete_percent = max_delete;
  if (cli.options.batch_size == 0) {
    std::cerr << "newsdex-index: --batch-size must be at least 1\n";
    return kExitUsage;
  }
  if (vm.count("max-file-size")) cli.options.given.max_file_bytes = max_file_mib << 20;
  if (vm.count("max-article-size")) cli.options.given.max_article_bytes = max_article_mib << 20;
  const unsigned cores = std::min(8u, std::max(1u, std::thread::hardware_concurrency()));
  if (!vm.count("threads")) cli.options.threads = cores;
  if (cli.options.threads < 1 || cli.options.threads > 64) {
    std::cerr << "newsdex-index: --threads must be between 1 and 64\n";
    return kExitUsage;
  }
  if (vm.count("shards") && vm.count("shard-by")) {
    std::cerr << "newsdex-index: give --shards or --shard-by, not both\n";
    return kExitUsage;
  }
  cli.options.policy_given = vm.count("shards") || vm.count("shard-by");
  {
    const std::string text = vm.count("shard-by") ? vm["shard-by"].as<std::string>()
                             : vm.count("shards")  ? std::to_string(vm["shards"].as<unsigned>())
                                                   : std::to_string(cores);
    const auto policy = newsdex::ShardPolicy::parse(text);
    if (!policy || text.rfind("hash", 0) == 0) {
      std::cerr << "newsdex-index: bad " << (vm.count("shard-by") ? "--shard-by '" : "--shards '") << text
                << "': use --shards 1..64 or --shard-by year, month or source\n";
      return kExitUsage;
    }
    cli.options.policy = *policy;
  }
  if (vm.count("no-entities") && vm.count("entities")) {
    std::cerr << "newsdex-index: give --entities or --no-entities, not both\n";
    return kExitUsage;
  }
  if (vm.count("aliases")) {
    const std::string file = vm["aliases"].as<std::string>();
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad()) {
      std::cerr << "newsdex-index: cannot read alias file '" << newsdex::terminal_safe(file, false) << "'\n";
      return kExitUsage;
    }
    try {
      newsdex::parse_alias_rules(text.str(), file);
    } catch (const newsdex::AliasFileError& e) {
      std::cerr << "newsdex-index: " << newsdex::terminal_safe(e.what(), false) << '\n';
      return kExitUsage;
    }
    cli.options.given.alias_rules = text.str();
    cli.options.given.alias_rules_origin = file;
  }
  if (vm.count("no-entities")) cli.options.given.entities = false;
  if (vm.count("entities")) cli.options.given.entities = true;
  if (cli.print && (cli.options.dry_run || cli.options.rebuild)) {
    std::cerr << "newsdex-index: --print cannot be combined with --dry-run or --rebuild\n";
    return kExitUsage;
  }
  cli.options.progress = !cli.quiet && !cli.print && ::isatty(STDERR_FILENO);
  cli.options.stop = &g_stop_signal;
  install_signal_handlers();

  // Paths, ids and messages quote the archive: never raw on a terminal.
  newsdex::DiagnosticSink diag = [quiet](const std::string& line, bool failed) {
    if (quiet && !failed) return;
    std::cerr << "newsdex-index: " << (failed ? "error: " : "warning: ") << newsdex::terminal_safe(line, false)
              << '\n';
  };

  try {
    if (cli.print) {
      newsdex::IndexStats stats = newsdex::run_print(cli.options, diag);
      return stats.failed > 0 ? kExitInputFailed : kExitOk;
    }
    newsdex::ActionSink actions = [](const std::string& line) {
      std::cout << newsdex::terminal_safe(line, false) << '\n';
    };
    newsdex::IndexStats stats = newsdex::run_index(cli.options, diag, actions, notice);
    int code = stats.failed > 0 || !stats.blocked.empty() ? kExitInputFailed : kExitOk;
    if (stats.stopped) code = kExitSignalBase + g_stop_signal.load();
    if (!quiet) print_summary(stats);
    if (stats.stopped) {
      std::cerr << "newsdex-index: stopped by signal " << g_stop_signal.load()
                << (cli.options.rebuild ? "; the rebuild was abandoned, the live index is unchanged\n"
                                        : "; work done so far is committed\n");
    }
    if (!write_summary_json(cli.summary_json, newsdex::stats_json(stats, code))) return kExitUsage;
    return code;
  } catch (const newsdex::DbError& e) {
    int code = e.kind() == newsdex::DbErrorKind::locked ? kExitLocked : kExitUsage;
    if (e.kind() == newsdex::DbErrorKind::interrupted) code = kExitSignalBase + g_stop_signal.load();
    return fail_run(cli.summary_json, e.what(), code);
  } catch (const std::invalid_argument& e) {
    return fail_run(cli.summary_json, e.what(), kExitUsage);
  } catch (const newsdex::EntityModelError& e) {
    return fail_run(cli.summary_json, std::string("cannot load the entity model: ") + e.what(), kExitUsage);
  } catch (const std::exception& e) {
    return fail_run(cli.summary_json, e.what(), kExitUsage);
  }
}
