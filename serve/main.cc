// newsdex-serve: the archive over HTTP, a JSON API and a search page.
// Exit codes: 0 stopped by SIGTERM or SIGINT after the requests in flight
// were answered, 2 error (bad option, cannot listen, no credentials for a
// public address).
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <boost/program_options.hpp>

#include "cli_doc.h"
#include "newsdex/database.h"
#include "newsdex/text.h"
#include "server.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 2;

newsdex::cli::ProgramDoc program_doc() {
  newsdex::cli::ProgramDoc d;
  d.name = "newsdex-serve";
  d.summary = "serve a newsdex database over HTTP: a JSON API and a search page";
  d.synopsis = {"[--db PATH] [--listen HOST:PORT] [OPTIONS]"};
  d.description =
      "Serves a newsdex database read-only over HTTP/1.1: a search page at /\n"
      "(a form and server-rendered results, which work without JavaScript;\n"
      "the script in /static/ adds the rest), and a JSON API under /api/ that\n"
      "answers with the JSON newsdex-search writes:\n"
      "  /api/search?q=QUERY   limit, offset, sort, op, duplicates, histogram,\n"
      "                        facets (entities per type), all, like,\n"
      "                        duplicates_of, top_words\n"
      "  /api/article/ID       one article, its text included\n"
      "  /api/entity?name=N    an entity's page\n"
      "  /api/complete?type=T&prefix=P   entity names by prefix\n"
      "  /api/export?q=QUERY&format=csv|jsonl&fields=LIST   every match,\n"
      "                        streamed\n"
      "  /api/stats, /api/health\n"
      "Errors are JSON {\"error\": MESSAGE}: 400 a bad query or parameter,\n"
      "401 no or wrong credentials, 404 an unknown path, article or entity,\n"
      "405 a method other than GET or HEAD, 413/414/431 a request too large,\n"
      "503 the index cannot be read.\n"
      "\n"
      "Each request opens the index afresh on its worker thread, so a nightly\n"
      "run, a rebuild or a compaction is served from the next request on, with\n"
      "no restart and no failed request. It listens on 127.0.0.1 unless told\n"
      "otherwise; on any other address it needs --auth-file (or, knowingly,\n"
      "--insecure-no-auth). SIGTERM and SIGINT stop it once the requests in\n"
      "flight are answered. One line per request goes to the access log:\n"
      "time, client, method, path (without the query string, which may hold\n"
      "what a journalist is looking into), status, bytes, milliseconds.\n";
  d.exit_status = {
      {"0", "stopped by SIGTERM or SIGINT"},
      {"2", "error (bad option, cannot listen, unreadable --auth-file, a public address without credentials)"},
  };
  d.environment = {
      {"NEWSDEX_DB", "the database when --db is not given (else ./newsdex.db)"},
      {"NEWSDEX_DATA_DIR", "where the static/ folder of the page is (else the installed share/newsdex)"},
  };
  d.examples = {
      {"newsdex-serve --db news.db", "serve news.db on http://127.0.0.1:8080/"},
      {"newsdex-serve --db news.db --listen 0.0.0.0:8080 --auth-file /etc/newsdex/auth",
       "serve the newsroom's network, with credentials"},
      {"curl 'http://127.0.0.1:8080/api/search?q=Tartus'", "search through the API"},
  };
  d.see_also = {"newsdex-search(1)", "newsdex-index(1)"};
  return d;
}

void report(const std::string& message) {
  std::cerr << "newsdex-serve: " << newsdex::terminal_safe(message, false) << '\n';
}

// HOST:PORT ("[::1]:8080" for IPv6); false when it is not one.
bool parse_listen(const std::string& text, std::string& host, int& port) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
  host = text.substr(0, colon);
  const std::string digits = text.substr(colon + 1);
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  port = std::stoi(digits);
  return port <= 65535;
}

// The folder of the page's static files: $NEWSDEX_DATA_DIR/static, else
// share/newsdex/static found from the program as the entity model is (the
// build tree's copy when run from the build tree).
std::string find_static_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const char* env = std::getenv("NEWSDEX_DATA_DIR"); env != nullptr && *env != '\0') {
    return (fs::path(env) / "static").string();
  }
  char exe[4096];
  const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return {};
  const fs::path bin = fs::path(std::string(exe, static_cast<std::size_t>(n))).parent_path();
  for (const fs::path& dir : {bin / NEWSDEX_DATA_FROM_BIN / "static", bin / ".." / "share" / "newsdex" / "static"}) {
    if (fs::is_directory(dir, ec)) return dir.lexically_normal().string();
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> dbs;
  std::string listen = "127.0.0.1:8080", auth_file, access_log, static_dir;
  std::size_t threads = 8;
  std::size_t searches = 0;
  int timeout = 5;
  bool insecure = false;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help and exit")
      ("version", "show the version and exit")
      ("db", po::value<std::vector<std::string>>(&dbs)->composing()->value_name("DB"),
       "database to serve, as newsdex-search --db (a newsdex database, a Xapian database or a stub file; "
       "repeat to serve several as one; default $NEWSDEX_DB, else ./newsdex.db)")
      ("listen", po::value<std::string>(&listen)->default_value("127.0.0.1:8080")->value_name("HOST:PORT"),
       "address and port to listen on ([::1]:PORT for IPv6; port 0: any free port, printed on stderr)")
      ("threads", po::value<std::size_t>(&threads)->default_value(8)->value_name("N"),
       "worker threads: requests answered at once (1 to 256; more wait their turn)")
      ("searches", po::value<std::size_t>(&searches)->default_value(0)->value_name("N"),
       "searches run at once (0, the default: one per core); further searches wait in arrival order, "
       "so that under load each runs at full speed instead of all sharing the cores")
      ("timeout", po::value<int>(&timeout)->default_value(5)->value_name("SECONDS"),
       "a client that sends nothing of its request, or reads nothing of the response, for this long is "
       "disconnected (1 to 300)")
      ("auth-file", po::value<std::string>(&auth_file)->value_name("FILE"),
       "require credentials: FILE holds one a line, USER:PASSWORD (HTTP basic) or a TOKEN (Authorization: "
       "Bearer TOKEN); '#' lines are comments. Needed to listen on an address other than loopback")
      ("insecure-no-auth", po::bool_switch(&insecure),
       "listen on an address other than loopback without credentials (anyone who reaches it can read the archive)")
      ("access-log", po::value<std::string>(&access_log)->value_name("FILE"),
       "append the access log to FILE ('-', the default: standard error)")
      ("static-dir", po::value<std::string>(&static_dir)->value_name("DIR"),
       "serve /static/ from DIR (default: the installed share/newsdex/static)");
  po::options_description hidden;
  newsdex::cli::add_doc_options(hidden);
  po::options_description all;
  all.add(visible).add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    report(e.what());
    std::cerr << "Try 'newsdex-serve --help'.\n";
    return kExitError;
  }
  if (newsdex::cli::print_requested_doc(vm, program_doc(), visible, NEWSDEX_VERSION)) return kExitOk;

  newsdex::serve::ServerOptions options;
  options.db_paths = dbs.empty() ? std::vector<std::string>{newsdex::resolve_db_path(std::string())} : dbs;
  if (!parse_listen(listen, options.host, options.port)) {
    report("--listen must be HOST:PORT, not '" + listen + "'");
    return kExitError;
  }
  if (threads < 1 || threads > 256) {
    report("--threads must be 1 to 256");
    return kExitError;
  }
  options.threads = threads;
  if (searches > 256) {
    report("--searches must be 0 to 256");
    return kExitError;
  }
  options.searches = searches;
  if (timeout < 1 || timeout > 300) {
    report("--timeout must be 1 to 300 seconds");
    return kExitError;
  }
  options.read_timeout_seconds = timeout;
  options.write_timeout_seconds = timeout;
  try {
    if (!auth_file.empty()) options.credentials = newsdex::serve::read_auth_file(auth_file);
  } catch (const std::exception& e) {
    report(e.what());
    return kExitError;
  }
  if (!newsdex::serve::is_loopback(options.host) && options.credentials.empty() && !insecure) {
    report("listening on " + options.host +
           " would let anyone who reaches it read the archive: give --auth-file (or --insecure-no-auth)");
    return kExitError;
  }
  std::FILE* log = stderr;
  if (!access_log.empty() && access_log != "-") {
    log = std::fopen(access_log.c_str(), "a");
    if (log == nullptr) {
      report("cannot open the access log '" + access_log + "'");
      return kExitError;
    }
  }
  options.access_log = log;
  options.static_dir = static_dir.empty() ? find_static_dir() : static_dir;
  if (options.static_dir.empty()) report("warning: no static/ folder found: /static/ serves nothing");

  // SIGTERM and SIGINT are taken by one thread (blocked in every other, the
  // workers included, which inherit the mask), which stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client that went away is a failed write, not a signal

  try {
    newsdex::serve::Server server(options);
    server.bind();
    std::cerr << "newsdex-serve: listening on http://"
              << (options.host.find(':') != std::string::npos && options.host.front() != '['
                      ? "[" + options.host + "]"
                      : options.host)
              << ":" << server.port() << "/\n"
              << std::flush;
    std::atomic<bool> stopping{false};
    std::thread stopper([&server, &stopping, stop_signals] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      stopping = true;
      server.stop();
    });
    server.run();
    // run() returned without a signal (the listening socket failed): wake
    // the stopper with the signal it waits for.
    if (!stopping) ::kill(::getpid(), SIGTERM);
    stopper.join();
    std::cerr << "newsdex-serve: stopped\n";
  } catch (const std::exception& e) {
    report(e.what());
    return kExitError;
  }
  if (log != stderr) std::fclose(log);
  return kExitOk;
}
