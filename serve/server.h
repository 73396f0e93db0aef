// newsdex-serve's HTTP server: the JSON API, the server-rendered search
// page and the static files of the browser page, over the same library
// calls and printers as newsdex-search.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace newsdex::serve {

// One credential of --auth-file: a bearer token, or a user and password
// for HTTP basic authentication.
struct Credential {
  bool basic = false;
  std::string user;    // basic only
  std::string secret;  // the token, or the password
};

// Reads an auth file: one credential a line, "USER:PASSWORD" for basic
// authentication or a token (no ':') for "Authorization: Bearer TOKEN";
// blank lines and lines starting with '#' are skipped, and so is white
// space at either end of a line. Throws std::runtime_error (one line)
// when the file cannot be read or holds no credential.
std::vector<Credential> read_auth_file(const std::string& path);

// True when the value of an Authorization header matches one of
// `credentials` ("Bearer TOKEN", or "Basic BASE64(USER:PASSWORD)"). Each
// comparison takes the same time whatever the bytes that differ.
bool authorized(const std::string& authorization, const std::vector<Credential>& credentials);

// True for an address the machine alone can reach: 127.0.0.0/8, ::1,
// "localhost".
bool is_loopback(const std::string& host);

struct ServerOptions {
  std::vector<std::string> db_paths;  // searched as one, as newsdex-search --db
  std::string host = "127.0.0.1";
  int port = 8080;                    // 0: any free port (see Server::port)
  std::size_t threads = 8;            // worker threads (requests served at once)
  // Searches (search, the page, entity pages and completion, an export's
  // first check) run at once, the rest waiting in arrival order; 0: one
  // per core (std::thread::hardware_concurrency). An export's streaming,
  // articles, stats, health and static files do not wait.
  std::size_t searches = 0;
  std::string static_dir;             // the folder /static/NAME serves; "" serves none
  // Not empty: every request must carry one of these (else 401).
  std::vector<Credential> credentials;
  // Where the access log goes, one line a request; nullptr: nowhere. Not
  // owned; must outlive the server.
  std::FILE* access_log = nullptr;
  // Limits: a request's query string and the sum of its header lines (the
  // request line itself is bounded at 8 KiB by cpp-httplib: 414), and the
  // seconds a client may take to send a request or read a response.
  std::size_t max_query_bytes = 4096;
  std::size_t max_header_bytes = 16384;
  std::size_t max_headers = 64;
  int read_timeout_seconds = 5;
  int write_timeout_seconds = 10;
  // Most results one request may ask for (limit=).
  unsigned max_limit = 100;
};

// The server. Each request runs on one of options.threads workers (its
// searches taking turns at a Gate of options.searches) and
// opens its own read-only view of the databases through the library
// (read_consistently), so no Xapian handle is shared between threads, a
// request always reads the live generation (a --rebuild or --compact is
// served from the next request on, without a restart), and a revision
// discarded under a request is read again rather than failing it.
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds options.host:port. Throws std::runtime_error (one line) when it
  // cannot.
  void bind();
  // The port bound (after bind()).
  int port() const;
  // Serves until stop(); returns once every request in flight has been
  // answered. REQUIRES: bind() succeeded.
  void run();
  // Stops accepting connections; run() returns when the requests in
  // flight are done. Safe to call from any thread (not from a signal
  // handler).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex::serve
