#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gate.h"
#include "newsdex/text.h"
#include "page.h"
#include "server.h"

using newsdex::html_escape;
using newsdex::serve::authorized;
using newsdex::serve::Credential;
using newsdex::serve::http_link;
using newsdex::serve::is_loopback;
using newsdex::serve::url_encode;

namespace {
struct Case {
  const char* name;
  std::string in;
  std::string out;
};
}  // namespace

TEST_CASE("html_escape leaves no markup: tags, both quotes and ampersands become references", "[serve]") {
  const Case cases[] = {
      {"plain", "Tartus port", "Tartus port"},
      {"script tag", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"double-quoted attribute breakout", "\" onmouseover=\"x", "&quot; onmouseover=&quot;x"},
      {"single-quoted attribute breakout", "' onmouseover='x", "&#39; onmouseover=&#39;x"},
      {"an existing reference is escaped again", "&lt;", "&amp;lt;"},
      {"non-ASCII kept", "Ḥmeimim — 商標法", "Ḥmeimim — 商標法"},
      {"empty", "", ""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(html_escape(c.in) == c.out);
  }
}

TEST_CASE("url_encode keeps only unreserved characters", "[serve]") {
  const Case cases[] = {
      {"plain", "Tartus", "Tartus"},
      {"space, quote, ampersand", "a \"b\"&c", "a%20%22b%22%26c"},
      {"query syntax", "title:oil date:1987..", "title%3Aoil%20date%3A1987.."},
      {"UTF-8 bytes", "é", "%C3%A9"},
      {"unreserved", "a-b_c.d~e", "a-b_c.d~e"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(url_encode(c.in) == c.out);
  }
}

TEST_CASE("http_link gives only absolute http and https URLs", "[serve]") {
  const Case cases[] = {
      {"https", "https://example.org/a?b=1", "https://example.org/a?b=1"},
      {"http, capital scheme", "HTTP://example.org/", "HTTP://example.org/"},
      {"javascript", "javascript:alert(1)", ""},
      {"javascript, mixed case", "JaVaScRiPt:alert(1)", ""},
      {"leading space", " javascript:alert(1)", ""},
      {"tab inside the scheme", "java\tscript:alert(1)", ""},
      {"data", "data:text/html,<script>alert(1)</script>", ""},
      {"vbscript", "vbscript:msgbox", ""},
      {"relative", "/etc/passwd", ""},
      {"protocol-relative", "//evil.example/", ""},
      {"http without //", "http:evil", ""},
      {"scheme only", "https://", ""},
      {"newline", "https://a.example/\nb", ""},
      {"empty", "", ""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(http_link(c.in) == c.out);
  }
}

TEST_CASE("authorized accepts exactly the configured bearer tokens and basic credentials", "[serve]") {
  const std::vector<Credential> creds = {{false, "", "token-123"}, {true, "alice", "s3cret:x"}};
  struct AuthCase {
    const char* name;
    std::string header;
    bool ok;
  };
  // base64("alice:s3cret:x") = YWxpY2U6czNjcmV0Ong=
  const AuthCase cases[] = {
      {"bearer", "Bearer token-123", true},
      {"bearer, scheme in lower case", "bearer token-123", true},
      {"bearer, a prefix of the token", "Bearer token-12", false},
      {"bearer, longer than the token", "Bearer token-1234", false},
      {"a basic password as a bearer token", "Bearer s3cret:x", false},
      {"basic", "Basic YWxpY2U6czNjcmV0Ong=", true},
      {"basic, wrong password", "Basic YWxpY2U6czNjcmV0", false},
      {"basic, not base64", "Basic ***", false},
      {"basic, no colon", "Basic YWxpY2U=", false},
      {"the token as a basic password", "Basic dXNlcjp0b2tlbi0xMjM=", false},
      {"no scheme", "token-123", false},
      {"empty", "", false},
  };
  for (const AuthCase& c : cases) {
    INFO(c.name);
    CHECK(authorized(c.header, creds) == c.ok);
  }
}

TEST_CASE("read_auth_file reads tokens and USER:PASSWORD lines, skipping comments - an empty file is an error", "[serve]") {
  const std::string path = "test_serve_auth.txt";
  {
    std::ofstream out(path);
    out << "# the newsroom\n\n  alice:pa:ss  \ntoken-1\n";
  }
  const std::vector<Credential> creds = newsdex::serve::read_auth_file(path);
  REQUIRE(creds.size() == 2);
  CHECK(creds[0].basic);
  CHECK(creds[0].user == "alice");
  CHECK(creds[0].secret == "pa:ss");
  CHECK_FALSE(creds[1].basic);
  CHECK(creds[1].secret == "token-1");
  {
    std::ofstream out(path);
    out << "# nothing\n\n";
  }
  CHECK_THROWS_WITH(newsdex::serve::read_auth_file(path), Catch::Contains("holds no credential"));
  std::remove(path.c_str());
  CHECK_THROWS_WITH(newsdex::serve::read_auth_file(path), Catch::Contains("cannot read"));
}

TEST_CASE("is_loopback: 127.0.0.0/8, ::1 and localhost only", "[serve]") {
  struct LoopCase {
    const char* host;
    bool loopback;
  };
  const LoopCase cases[] = {
      {"127.0.0.1", true}, {"127.1.2.3", true},   {"::1", true},           {"[::1]", true},
      {"localhost", true}, {"0.0.0.0", false},    {"::", false},           {"192.168.1.2", false},
      {"127.0.0.1.evil.example", false},          {"127.0.0.256", false},  {"127.0.0", false},
      {"", false},
  };
  for (const LoopCase& c : cases) {
    INFO(c.host);
    CHECK(is_loopback(c.host) == c.loopback);
  }
}

TEST_CASE("render_page writes the article fields it takes from the archive as text", "[serve]") {
  struct PageCase {
    const char* name;
    std::string id, source, url, query;
    std::vector<std::string> absent;   // raw payloads that must not appear
    std::vector<std::string> present;  // their escaped forms
  };
  const PageCase cases[] = {
      {"source with a tag", "a1", "<b onmouseover=alert(1)>Wire</b>", "", "q",
       {"<b onmouseover"}, {"&lt;b onmouseover=alert(1)&gt;Wire&lt;/b&gt;"}},
      {"id breaking out of data-id", "x\" onclick=\"alert(2)", "S", "", "q",
       {"\" onclick=\""}, {"data-id=\"x&quot; onclick=&quot;alert(2)\""}},
      {"javascript URL: no link", "a2", "S", "javascript:alert(3)", "q", {"javascript:", "<a href=\"javascript"}, {}},
      {"http URL with a quote: an escaped link", "a3", "S", "https://e.example/?a=\"><script>", "q",
       {"\"><script>"}, {"href=\"https://e.example/?a=&quot;&gt;&lt;script&gt;\""}},
      {"query breaking out of the input", "a4", "S", "", "\"><script>alert(4)</script>",
       {"<script>alert(4)"}, {"value=\"&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;\""}},
  };
  for (const PageCase& c : cases) {
    INFO(c.name);
    newsdex::SearchResponse response;
    response.total = 1;
    response.total_exact = true;
    newsdex::SearchResult r;
    r.article.id = c.id;
    r.article.source = c.source;
    r.article.url = c.url;
    r.title = "Title";
    r.snippet = "text";
    response.results.push_back(r);
    newsdex::serve::PageView view;
    view.query = c.query;
    view.response = &response;
    const std::string html = newsdex::serve::render_page(view);
    for (const std::string& a : c.absent) CHECK(html.find(a) == std::string::npos);
    for (const std::string& p : c.present) CHECK(html.find(p) != std::string::npos);
    CHECK(html.find("<script src=\"/static/app.js\" defer></script>") != std::string::npos);
  }
}

TEST_CASE("Gate admits at most its capacity at once, the waiting callers in the order they came", "[serve]") {
  using newsdex::serve::Gate;
  Gate gate(2);
  std::vector<int> order;
  std::mutex order_mutex;
  std::vector<std::thread> threads;
  {
    // The test holds both turns, so every caller below must wait.
    Gate::Turn first = gate.enter();
    std::optional<Gate::Turn> second(gate.enter());
    CHECK(gate.held() == 2);
    for (int k = 0; k < 6; ++k) {
      threads.emplace_back([&, k] {
        Gate::Turn turn = gate.enter();
        const std::lock_guard<std::mutex> lock(order_mutex);
        order.push_back(k);
      });
      // The next caller comes only once this one waits in line.
      while (gate.waiting() != static_cast<std::size_t>(k + 1)) std::this_thread::yield();
    }
    CHECK(gate.held() == 2);
    // One turn freed: the callers go one at a time, each after the one
    // before it has left, so the order they record is the order admitted.
    second.reset();
    for (auto& t : threads) t.join();
    CHECK(gate.held() == 1);
    CHECK(gate.waiting() == 0);
  }
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5});
  CHECK(gate.held() == 0);

  // Many callers at once: never more than the capacity inside.
  Gate three(3);
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> crowd;
  for (int k = 0; k < 16; ++k) {
    crowd.emplace_back([&] {
      for (int round = 0; round < 200; ++round) {
        Gate::Turn turn = three.enter();
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        --inside;
      }
    });
  }
  for (auto& t : crowd) t.join();
  CHECK(most.load() >= 1);
  CHECK(most.load() <= 3);
  CHECK(three.held() == 0);
}
