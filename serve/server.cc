#include "server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <ctime>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <thread>

#include <httplib.h>

#include "newsdex/database.h"
#include "newsdex/export.h"
#include "newsdex/histogram.h"
#include "newsdex/json.h"
#include "newsdex/printer.h"
#include "newsdex/query.h"
#include "newsdex/search.h"
#include "newsdex/text.h"
#include "gate.h"
#include "page.h"

namespace newsdex::serve {

namespace {

// ---- credentials ----------------------------------------------------------

std::string trim_copy(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// Equal bytes, in a time that depends on the lengths only.
bool same_bytes(std::string_view a, std::string_view b) {
  const std::size_t n = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0U : 1U;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0U;
    const unsigned y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0U;
    diff |= x ^ y;
  }
  return diff == 0;
}

// Standard base64 (RFC 4648, padding optional); nullopt when not base64.
std::optional<std::string> base64_decode(std::string_view in) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  std::size_t padding = 0;
  for (const char c : in) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == '=') {
      ++padding;
      continue;
    }
    if (v < 0 || padding > 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  if (padding > 2) return std::nullopt;
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_lower(s.substr(0, prefix.size())) == ascii_lower(prefix);
}

}  // namespace

std::vector<Credential> read_auth_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the auth file '" + path + "'");
  std::vector<Credential> credentials;
  std::string line;
  while (std::getline(in, line)) {
    const std::string text = trim_copy(line);
    if (text.empty() || text[0] == '#') continue;
    Credential c;
    if (const std::size_t colon = text.find(':'); colon != std::string::npos) {
      c.basic = true;
      c.user = text.substr(0, colon);
      c.secret = text.substr(colon + 1);
    } else {
      c.secret = text;
    }
    credentials.push_back(std::move(c));
  }
  if (credentials.empty()) throw std::runtime_error("the auth file '" + path + "' holds no credential");
  return credentials;
}

bool authorized(const std::string& authorization, const std::vector<Credential>& credentials) {
  const std::string value = trim_copy(authorization);
  bool ok = false;
  if (starts_with_ci(value, "Bearer ")) {
    const std::string token = trim_copy(std::string_view(value).substr(7));
    for (const Credential& c : credentials) {
      if (!c.basic && same_bytes(token, c.secret)) ok = true;
    }
  } else if (starts_with_ci(value, "Basic ")) {
    const std::optional<std::string> decoded = base64_decode(trim_copy(std::string_view(value).substr(6)));
    if (!decoded) return false;
    const std::size_t colon = decoded->find(':');
    if (colon == std::string::npos) return false;
    const std::string_view user = std::string_view(*decoded).substr(0, colon);
    const std::string_view password = std::string_view(*decoded).substr(colon + 1);
    for (const Credential& c : credentials) {
      // Both compared whatever the first gives, so that the time says nothing.
      const bool user_ok = same_bytes(user, c.user);
      const bool password_ok = same_bytes(password, c.secret);
      if (c.basic && user_ok && password_ok) ok = true;
    }
  }
  return ok;
}

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  if (host.rfind("127.", 0) != 0) return false;
  // A dotted quad: four numbers 0..255.
  int parts = 0;
  std::size_t i = 0;
  while (i <= host.size()) {
    const std::size_t dot = std::min(host.find('.', i), host.size());
    const std::string_view part = std::string_view(host).substr(i, dot - i);
    unsigned v = 256;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || part.size() > 3 || ec != std::errc() || end != part.data() + part.size() || v > 255) {
      return false;
    }
    ++parts;
    i = dot + 1;
  }
  return parts == 4;
}

namespace {

// ---- requests -------------------------------------------------------------

// A request parameter that cannot be used; what() is the response's error.
struct BadRequest : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// When the current worker's request began and the bytes streamed for it
// (a chunked response has no body to measure), for the access log.
thread_local std::chrono::steady_clock::time_point t_request_start;
thread_local std::size_t t_streamed_bytes = 0;

void set_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

void set_error(httplib::Response& res, int status, const std::string& message) {
  set_json(res, status, to_json_text(nlohmann::ordered_json{{"error", message}}) + "\n");
}

std::string param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

// A number parameter: absent or empty gives `fallback`; at most `max`.
unsigned number_param(const httplib::Request& req, const char* name, unsigned fallback, unsigned max) {
  const std::string text = param(req, name);
  if (text.empty()) return fallback;
  unsigned v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw BadRequest(std::string(name) + " must be a number, not '" + text + "'");
  }
  if (v > max) throw BadRequest(std::string(name) + " must be at most " + std::to_string(max));
  return v;
}

bool flag_param(const httplib::Request& req, const char* name) {
  const std::string text = param(req, name);
  if (text.empty() || text == "0" || text == "false") return false;
  if (text == "1" || text == "true") return true;
  throw BadRequest(std::string(name) + " must be 1 or 0, not '" + text + "'");
}

// The access log's form of a path: printable ASCII kept, every other byte
// (controls, spaces, quotes, backslash, non-ASCII) as %XX, at most 256
// bytes then "...".
std::string log_safe_path(std::string_view path) {
  std::string out;
  for (const char c : path) {
    if (out.size() >= 256) {
      out += "...";
      break;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u < 0x7f && c != '"' && c != '\\' && c != '%') {
      out.push_back(c);
    } else {
      append_percent_escape(out, c);
    }
  }
  return out;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text.data();
}

// The content types of the files /static/ serves, by extension; others are
// not served.
const char* static_content_type(std::string_view name) {
  struct Type {
    std::string_view ext;
    const char* type;
  };
  static constexpr Type kTypes[] = {
      {".css", "text/css; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".html", "text/html; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"}, {".json", "application/json; charset=utf-8"},
      {".woff2", "font/woff2"},
  };
  for (const Type& t : kTypes) {
    if (name.size() > t.ext.size() && name.substr(name.size() - t.ext.size()) == t.ext) return t.type;
  }
  return nullptr;
}

// A name /static/ may serve: letters, digits, '-', '_' and '.', not
// starting with '.', with a known extension. Nothing else reaches the
// file system, so no path can leave the folder.
bool valid_static_name(std::string_view name) {
  if (name.empty() || name.size() > 100 || name.front() == '.') return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return false;
  }
  return static_content_type(name) != nullptr;
}

// An ostream buffer that hands 64 KiB at a time to a response's DataSink,
// counting the bytes for the access log.
class SinkBuffer final : public std::streambuf {
 public:
  explicit SinkBuffer(httplib::DataSink& sink) : sink_(sink), buffer_(1 << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  ~SinkBuffer() override { flush(); }
  bool ok() const { return ok_; }

 protected:
  int_type overflow(int_type c) override {
    if (!flush()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return flush() ? 0 : -1; }

 private:
  bool flush() {
    const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    if (n > 0 && ok_) {
      ok_ = sink_.is_writable() && sink_.write(pbase(), n);
      t_streamed_bytes += n;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return ok_;
  }

  httplib::DataSink& sink_;
  std::vector<char> buffer_;
  bool ok_ = true;
};

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

}  // namespace

struct Server::Impl {
  ServerOptions options;
  httplib::Server http;
  int port = 0;
  std::mutex log_mutex;
  Gate searches;  // every search takes a turn here

  static std::size_t searches_at_once(std::size_t asked) {
    if (asked != 0) return asked;
    return std::max(1U, std::thread::hardware_concurrency());
  }

  explicit Impl(ServerOptions o) : options(std::move(o)), searches(searches_at_once(options.searches)) {}

  void log_line(const std::string& line) {
    if (options.access_log == nullptr) return;
    const std::lock_guard<std::mutex> lock(log_mutex);
    std::fputs(line.c_str(), options.access_log);
    std::fflush(options.access_log);
  }

  // An error that is ours, not the client's: logged in full, answered
  // without detail (no paths, no exception text).
  void internal_error(httplib::Response& res, int status, const std::string& public_message,
                      const std::string& detail) {
    log_line(utc_now() + " error: " + terminal_safe(detail, false) + "\n");
    set_error(res, status, public_message);
  }

  // Runs `fn`, answering the errors it throws as the CLI reports them:
  // BadRequest, QueryError and FieldListError 400 with their message,
  // DbError 503 (the index is unavailable), anything else 500.
  template <typename Fn>
  void guarded(httplib::Response& res, Fn&& fn) {
    try {
      fn();
    } catch (const BadRequest& e) {
      set_error(res, 400, e.what());
    } catch (const QueryError& e) {
      set_error(res, 400, e.what());
    } catch (const FieldListError& e) {
      set_error(res, 400, std::string("fields: ") + e.what());
    } catch (const DbError& e) {
      internal_error(res, 503, "the index is unavailable", e.what());
    } catch (const std::exception& e) {
      internal_error(res, 500, "internal error", e.what());
    }
  }

  // The search options of /api/search and the page, as newsdex-search
  // builds them from its options.
  SearchOptions search_options(const httplib::Request& req) const {
    SearchOptions s;
    s.db_paths = options.db_paths;
    s.query = param(req, "q");
    s.match_all = flag_param(req, "all");
    if (s.query.size() > options.max_query_bytes) {
      throw BadRequest("the query is longer than " + std::to_string(options.max_query_bytes) + " bytes");
    }
    const std::string sort = param(req, "sort");
    if (sort.empty() || sort == "relevance") {
      s.sort = SortOrder::relevance;
    } else if (sort == "date") {
      s.sort = SortOrder::date;
    } else if (sort == "date-asc") {
      s.sort = SortOrder::date_asc;
    } else {
      throw BadRequest("sort must be relevance, date or date-asc");
    }
    const std::string op = param(req, "op");
    if (op == "and") {
      s.query_options.default_op = Xapian::Query::OP_AND;
    } else if (op.empty() || op == "or") {
      s.query_options.default_op = Xapian::Query::OP_OR;
    } else {
      throw BadRequest("op must be or or and");
    }
    const std::string duplicates = param(req, "duplicates");
    if (duplicates.empty() || duplicates == "collapse") {
      s.duplicates = DuplicateMode::collapse;
    } else if (duplicates == "show") {
      s.duplicates = DuplicateMode::show;
    } else {
      throw BadRequest("duplicates must be collapse or show");
    }
    if (const std::string h = param(req, "histogram"); !h.empty()) {
      s.histogram = interval_named(h);
      if (!s.histogram) throw BadRequest("histogram must be year, month, week or day, not '" + h + "'");
    }
    s.limit = number_param(req, "limit", 10, options.max_limit);
    s.offset = number_param(req, "offset", 0, 1000000);
    s.facets = true;
    s.facet_limit = number_param(req, "facets", 10, 1000);
    s.like = param(req, "like");
    s.duplicates_of = param(req, "duplicates_of");
    s.top_words = number_param(req, "top_words", 0, 200);
    if (s.query.empty() && !s.match_all && s.like.empty() && s.duplicates_of.empty()) {
      throw BadRequest("no query given");
    }
    return s;
  }

  void api_search(const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      SearchOptions s = search_options(req);
      s.snippet_style = {"<b>", "</b>", true};  // as newsdex-search --json
      const SearchResponse response = [&] {
        const Gate::Turn turn = searches.enter();
        return run_search(s);
      }();
      std::ostringstream out, err;
      make_json_printer()->print(response, out, err);
      set_json(res, 200, out.str());
    });
  }

  void api_article(const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      const std::string id = req.matches[1];
      const std::optional<SearchResult> article = find_article(options.db_paths, id);
      if (!article) {
        set_error(res, 404, "no article of id '" + id + "'");
        return;
      }
      std::ostringstream out;
      print_article_json(*article, out);
      set_json(res, 200, out.str());
    });
  }

  void api_entity(const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      EntityPageOptions p;
      p.db_paths = options.db_paths;
      p.name = param(req, "name");
      if (p.name.empty()) throw BadRequest("name is required");
      if (p.name.size() > options.max_query_bytes) throw BadRequest("name is too long");
      p.related_limit = number_param(req, "facets", 10, 1000);
      p.examples = std::min(number_param(req, "limit", 10, options.max_limit), 10U);
      p.snippet_style = {"<b>", "</b>", true};
      const EntityPage page = [&] {
        const Gate::Turn turn = searches.enter();
        return entity_page(p);
      }();
      if (!page.found) {
        set_error(res, 404, "no entity '" + p.name + "' in the archive (see /api/complete)");
        return;
      }
      std::ostringstream out;
      make_json_printer()->print(page, out);
      set_json(res, 200, out.str());
    });
  }

  void api_complete(const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      const std::string type_name = param(req, "type");
      const std::optional<EntityType> type = entity_type_named(type_name);
      if (!type) throw BadRequest("unknown entity type '" + type_name + "' (use person, place, org or misc)");
      const std::string prefix = param(req, "prefix");
      if (prefix.size() > options.max_query_bytes) throw BadRequest("prefix is too long");
      const std::size_t limit = number_param(req, "limit", 10, options.max_limit);
      const auto entities = [&] {
        const Gate::Turn turn = searches.enter();
        return list_entities(options.db_paths, *type, prefix, limit);
      }();
      std::ostringstream out;
      make_json_printer()->print(entities, out);
      set_json(res, 200, out.str());
    });
  }

  void api_export(const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      ExportOptions e;
      e.db_paths = options.db_paths;
      e.query = param(req, "q");
      e.match_all = flag_param(req, "all");
      if (e.query.size() > options.max_query_bytes) {
        throw BadRequest("the query is longer than " + std::to_string(options.max_query_bytes) + " bytes");
      }
      if (e.query.empty() && !e.match_all) throw BadRequest("no query given");
      const std::string format = param(req, "format");
      if (format != "csv" && format != "jsonl") {
        throw BadRequest("format must be csv or jsonl, not '" + format + "'");
      }
      e.format = format == "csv" ? ExportFormat::csv : ExportFormat::jsonl;
      if (const std::string fields = param(req, "fields"); !fields.empty()) e.fields = parse_field_list(fields);
      // The status goes out before the first article: a query that does
      // not parse, or an index that cannot be read, must be found now.
      SearchOptions check;
      check.db_paths = e.db_paths;
      check.query = e.query;
      check.match_all = e.match_all;
      check.limit = 0;
      check.suggest_below = 0;
      check.facet_depth = 0;
      {
        const Gate::Turn turn = searches.enter();
        run_search(check);
      }
      const char* type = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
      res.set_header("Content-Disposition",
                     std::string("attachment; filename=\"newsdex-export.") + (format == "csv" ? "csv" : "jsonl") +
                         "\"");
      res.set_chunked_content_provider(type, [this, e](std::size_t, httplib::DataSink& sink) {
        SinkBuffer buffer(sink);
        std::ostream out(&buffer);
        try {
          export_matches(e, out);
          out.flush();
        } catch (const std::exception& ex) {
          // Too late for a status: the connection is closed without the
          // last chunk, so that the client sees an incomplete response.
          log_line(utc_now() + " error: export: " + terminal_safe(ex.what(), false) + "\n");
          return false;
        }
        if (!buffer.ok()) return false;
        sink.done();
        return true;
      });
    });
  }

  void api_stats(const httplib::Request&, httplib::Response& res) {
    guarded(res, [&] {
      const IndexSummary s = summarize_index(resolve_db_path(options.db_paths.front()));
      // Where the server's files are is not the client's business: the
      // database's path and the roots it indexes are left out.
      nlohmann::ordered_json j = nlohmann::ordered_json::parse(summary_json(s));
      j.erase("path");
      j.erase("roots");
      set_json(res, 200, to_json_text(j, 2) + "\n");
    });
  }

  void api_health(const httplib::Request&, httplib::Response& res) {
    try {
      Xapian::doccount articles = 0;
      read_consistently(options.db_paths, "reading the index",
                        [&](Shards& shards) { articles = shards.all().get_doccount(); });
      set_json(res, 200, to_json_text(nlohmann::ordered_json{{"status", "ok"}, {"articles", articles}}) + "\n");
    } catch (const std::exception& e) {
      log_line(utc_now() + " error: " + terminal_safe(e.what(), false) + "\n");
      set_json(res, 503,
               to_json_text(nlohmann::ordered_json{{"status", "unavailable"}, {"error", "the index is unavailable"}}) +
                   "\n");
    }
  }

  void page(const httplib::Request& req, httplib::Response& res) {
    PageView view;
    view.query = param(req, "q");
    SearchResponse response;
    int status = 200;
    try {
      if (!view.query.empty()) {
        SearchOptions s = search_options(req);
        s.facets = false;
        if (s.limit == 0) throw BadRequest("limit must be at least 1");
        s.snippet_style = page_highlight_style();
        s.title_style = page_highlight_style();
        view.sort = param(req, "sort").empty() ? "relevance" : param(req, "sort");
        view.offset = s.offset;
        view.limit = s.limit;
        const Gate::Turn turn = searches.enter();
        response = run_search(s);
        view.response = &response;
      }
    } catch (const BadRequest& e) {
      status = 400;
      view.error = e.what();
    } catch (const QueryError& e) {
      status = 400;
      view.error = e.what();
    } catch (const DbError& e) {
      log_line(utc_now() + " error: " + terminal_safe(e.what(), false) + "\n");
      status = 503;
      view.error = "The index is unavailable; try again later.";
    } catch (const std::exception& e) {
      log_line(utc_now() + " error: " + terminal_safe(e.what(), false) + "\n");
      status = 500;
      view.error = "Internal error.";
    }
    res.status = status;
    res.set_content(render_page(view), "text/html; charset=utf-8");
  }

  void static_file(const httplib::Request& req, httplib::Response& res) {
    const std::string name = req.matches[1];
    const char* type = static_content_type(name);
    if (options.static_dir.empty() || !valid_static_name(name) || type == nullptr) {
      set_error(res, 404, "not found");
      return;
    }
    const std::string path = options.static_dir + "/" + name;
    struct stat st {};
    constexpr off_t kMaxStaticBytes = 8 << 20;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > kMaxStaticBytes) {
      set_error(res, 404, "not found");
      return;
    }
    std::ifstream in(path, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      set_error(res, 404, "not found");
      return;
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::move(body), type);
  }

  // Before routing: the method, the limits, the credentials.
  httplib::Server::HandlerResponse pre_routing(const httplib::Request& req, httplib::Response& res) {
    t_request_start = std::chrono::steady_clock::now();
    t_streamed_bytes = 0;
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      set_error(res, 405, "method not allowed (use GET)");
      return httplib::Server::HandlerResponse::Handled;
    }
    std::size_t header_bytes = 0;
    for (const auto& [name, value] : req.headers) header_bytes += name.size() + value.size() + 4;
    if (req.headers.size() > options.max_headers || header_bytes > options.max_header_bytes) {
      set_error(res, 431, "request headers too large");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (const std::size_t q = req.target.find('?'); q != std::string::npos) {
      // Each parameter is checked against its own bound later; this bounds
      // them all, encoded, at a few times a query's length.
      if (req.target.size() - q > 4 * options.max_query_bytes) {
        set_error(res, 414, "request too long");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    // A GET or HEAD has no body; cpp-httplib does not read one, so the
    // connection is closed rather than reading what follows as a request.
    const std::string length = req.get_header_value("Content-Length");
    if (!req.body.empty() || (!length.empty() && length != "0") || req.has_header("Transfer-Encoding")) {
      res.set_header("Connection", "close");
      set_error(res, 413, "a request has no body");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!options.credentials.empty() &&
        !authorized(req.get_header_value("Authorization"), options.credentials)) {
      res.set_header("WWW-Authenticate", "Basic realm=\"newsdex\", charset=\"UTF-8\"");
      set_error(res, 401, "authentication required");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void configure() {
    const std::size_t threads = options.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_read_timeout(options.read_timeout_seconds, 0);
    http.set_write_timeout(options.write_timeout_seconds, 0);
    // cpp-httplib writes a response's headers and body in separate
    // writes; with Nagle's algorithm the body then waits for the client's
    // delayed ACK (40 ms on Linux). Accepted sockets inherit the option.
    http.set_socket_options([](socket_t sock) {
      const int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    });
    http.set_keep_alive_timeout(2);
    http.set_keep_alive_max_count(100);
    http.set_payload_max_length(1024);
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      return pre_routing(req, res);
    });
    // Every error response is JSON (the page and the API's handlers set
    // their own; this covers 404 for unknown paths and cpp-httplib's own
    // 400, 413 and 414), and never carries an exception's text.
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      res.headers.erase("EXCEPTION_WHAT");
      if (res.body.empty()) {
        set_error(res, res.status, res.status == 404   ? "not found"
                                   : res.status == 414 ? "request too long"
                                   : res.status == 413 ? "request body too large"
                                   : res.status >= 500 ? "internal error"
                                                       : "bad request");
      }
    });
    http.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "unknown exception";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      internal_error(res, 500, "internal error", what);
    });
    http.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
      res.headers.erase("EXCEPTION_WHAT");
      res.set_header("Content-Security-Policy", kContentSecurityPolicy);
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_header("X-Frame-Options", "DENY");
      res.set_header("Cross-Origin-Resource-Policy", "same-origin");
      if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      const auto now = std::chrono::steady_clock::now();
      const double ms = t_request_start.time_since_epoch().count() == 0
                            ? 0.0
                            : std::chrono::duration<double, std::milli>(now - t_request_start).count();
      const std::size_t bytes = res.body.empty() ? t_streamed_bytes : res.body.size();
      std::array<char, 32> ms_text{};
      std::snprintf(ms_text.data(), ms_text.size(), "%.1f", ms);
      log_line(utc_now() + " " + log_safe_path(req.remote_addr) + " " + log_safe_path(req.method) + " " +
               log_safe_path(req.path) + " " + std::to_string(res.status) + " " + std::to_string(bytes) + " " +
               ms_text.data() + "ms\n");
      t_request_start = {};
      t_streamed_bytes = 0;
    });

    http.Get("/", [this](const httplib::Request& req, httplib::Response& res) { page(req, res); });
    http.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) { api_search(req, res); });
    http.Get(R"(/api/article/(.+))",
             [this](const httplib::Request& req, httplib::Response& res) { api_article(req, res); });
    http.Get("/api/entity", [this](const httplib::Request& req, httplib::Response& res) { api_entity(req, res); });
    http.Get("/api/complete",
             [this](const httplib::Request& req, httplib::Response& res) { api_complete(req, res); });
    http.Get("/api/export", [this](const httplib::Request& req, httplib::Response& res) { api_export(req, res); });
    http.Get("/api/stats", [this](const httplib::Request& req, httplib::Response& res) { api_stats(req, res); });
    http.Get("/api/health", [this](const httplib::Request& req, httplib::Response& res) { api_health(req, res); });
    http.Get(R"(/static/([^/]+))",
             [this](const httplib::Request& req, httplib::Response& res) { static_file(req, res); });
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  if (impl_->options.db_paths.empty()) throw std::invalid_argument("no database");
  impl_->configure();
}

Server::~Server() = default;

void Server::bind() {
  std::string host = impl_->options.host;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (impl_->options.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(host);
    if (impl_->port <= 0) throw std::runtime_error("cannot listen on " + impl_->options.host + " (any port)");
  } else {
    if (!impl_->http.bind_to_port(host, impl_->options.port)) {
      throw std::runtime_error("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                               " (in use, or not an address of this machine)");
    }
    impl_->port = impl_->options.port;
  }
}

int Server::port() const { return impl_->port; }

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace newsdex::serve
