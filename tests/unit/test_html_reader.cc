#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <algorithm>

#include "newsdex/article.h"
#include "newsdex/encoding.h"
#include "newsdex/readers.h"

namespace {

using newsdex::Article;
using newsdex::HtmlReader;
using newsdex::ReadResult;

std::string corpus_file(const std::string& relative) {
  std::ifstream in(std::string(NEWSDEX_TEST_CORPORA) + "/" + relative, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Lower-case words: runs of ASCII letters and digits and of non-ASCII bytes.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// F1 of the sets of word 4-grams of `got` against `want` (the measure the
// extraction target is stated in).
double shingle_f1(const std::string& got, const std::string& want) {
  auto shingles = [](const std::string& text) {
    const std::vector<std::string> w = words(text);
    std::set<std::string> s;
    for (std::size_t i = 0; i + 4 <= w.size(); ++i)
      s.insert(w[i] + " " + w[i + 1] + " " + w[i + 2] + " " + w[i + 3]);
    return s;
  };
  const std::set<std::string> g = shingles(got);
  const std::set<std::string> t = shingles(want);
  if (g.empty() || t.empty()) return g.empty() && t.empty() ? 1.0 : 0.0;
  std::size_t common = 0;
  for (const std::string& s : g) common += t.count(s);
  const double precision = static_cast<double>(common) / static_cast<double>(g.size());
  const double recall = static_cast<double>(common) / static_cast<double>(t.size());
  return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
}

const Article& only_article(const ReadResult& r) {
  REQUIRE(r.articles.size() == 1);
  return r.articles.front();
}

std::string iso(const Article& a) { return a.date ? newsdex::format_iso8601(*a.date) : "none"; }

bool has_problem(const ReadResult& r, const std::string& message, bool failed) {
  for (const auto& p : r.problems)
    if (p.message == message && p.failed == failed && p.line == 0) return true;
  return false;
}

// ------------------------------------------------------------ corpus pages

struct PageCase {
  const char* file;  // under tests/corpora/
  const char* title;
  const char* date;  // ISO 8601 UTC or "none"
  const char* author;
  const char* source;
  const char* url;
  std::vector<const char*> must_contain;
  std::vector<const char*> must_not_contain;
};

const std::vector<PageCase> kPages = {
    {"html/wordpress-blog.html", "Ferry timetable cut sparks island protest", "2024-05-21T05:45:00Z",
     "Marta Lindqvist", "The Lakeside Ledger",
     "https://lakesideledger.example/2024/05/ferry-timetable-cut-protest/",
     {"More than two hundred residents of Holm and Lilla Sk\xC3\xA4r gathered",
      "\xE2\x80\x9CWe cannot plan our lives around three boats\xE2\x80\x9D",
      "We cannot plan our lives around three boats. If the evening crossing goes",
      "publish the passenger counts behind the proposal,", "Submissions can be made until June 14."},
     {"cookies", "Share this", "Twitter", "New ferry delayed", "Related", "third time in ten years",
      "Leave a Reply", "Recent Posts", "independent weekly", "All rights reserved", "Posted on",
      "Skip to content", "Tagged", "Harbour fees"}},
    {"html/newsroom-jsonld-body.html", "Drought pushes grain prices to three-year high",
     "2024-08-09T14:20:00Z", "Daniel Okafor, Hannah Weiss", "Meridian Daily",
     "https://meridiandaily.example/business/drought-grain-prices-2024-08-09/",
     {"Wheat futures climbed 6 percent on Friday", "Analysts at Farrow & Lee said",
      "\xE2\x80\x9CNobody is going to put seed into dust,\xE2\x80\x9D",
      "update its crop forecast on Tuesday."},
     {"842 partners", "Advertisement", "Markets Briefing", "Port strike", "Subscribe",
      "Photo: R. Mbeki", "&amp;", "Commodities"}},
    {"html/table-layout-brbr.html", "Mill fire destroys historic grain store", "2003-07-14T09:15:00Z",
     "R. T. Hallam", "Valley Courier", "",
     {"A fire that broke out late on Saturday night",
      "\"We could see the glow from the top of Church Lane,\" said neighbour Joan Pettit, 71.",
      "The trust had spent \xC2\xA3" "40,000 restoring the store only last year."},
     {"Front page", "Classifieds", "Weather", "Courier reporter", "More local news",
      "All rights reserved"}},
    {"html/generated-classes.html", "Inside the race to map the ocean floor", "2023-11-02T14:00:00Z",
     "Ama Mensah, Jorge Paz", "Northwind Science", "",
     {"Less than a third of the sea floor", "Gaps the size of continents",
      "\"We know the surface of Mars better than our own ocean floor,\" said Dr. Lucia Ferrante",
      "The project expects to pass the 30 percent mark next year."},
     {"Newsletters", "Log in", "Nov. 2, 2023", "deep-sea mining", "Most read", "asteroid",
      "Facebook", "published by Northwind Media", "By Ama Mensah"}},
    {"html/broken-jsonld.html", "Council approves new cycle lanes on Queen's Road",
     "2024-03-03T00:00:00Z", "Priya Natarajan", "Harbour Town Herald",
     "https://herald.example/news/cycle-lanes-queens-road",
     {"Harbour Town council has approved plans for protected cycle lanes",
      "The council will review the scheme after one year."},
     {"Support local journalism", "By Priya", "Published 3 March", "About time", "lycra",
      "Most popular", "Pier to reopen", "12 Quay Street"}},
    {"html/latin1-charset.html", "Caf\xC3\xA9 owner wins \xE2\x80\x9C" "best breakfast\xE2\x80\x9D award",
     "2019-09-30T00:00:00Z", "", "Riverside Post", "",
     {"Ren\xC3\xA9" "e Dupr\xC3\xA9, who opened the Caf\xC3\xA9 du Pont",
      "The prize is worth \xC2\xA3" "500.", "new coffee machine \xE2\x80\x93 and on a party"},
     {"Food & drink", "Jobs", "\xC2\xA9 Riverside Post"}},
    {"html/windows-1251-charset.html",
     "\xD0\x92 \xD0\xA2\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB8 \xD0\xBE\xD1\x82\xD0\xBA\xD1\x80\xD1\x8B\xD0\xBB\xD0\xB8 "
     "\xD0\xBD\xD0\xBE\xD0\xB2\xD1\x8B\xD0\xB9 \xD0\xBC\xD0\xBE\xD1\x81\xD1\x82",
     "2022-06-01T09:00:00Z", "",
     "\xD0\x92\xD0\xBE\xD0\xBB\xD0\xB6\xD1\x81\xD0\xBA\xD0\xB8\xD0\xB9 "
     "\xD0\xB2\xD0\xB5\xD1\x81\xD1\x82\xD0\xBD\xD0\xB8\xD0\xBA",
     "",
     {"\xD0\xB2\xD0\xB5\xD0\xBB\xD0\xBE\xD0\xB4\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB6\xD0\xBA\xD1\x83."},
     {"\xD0\x93\xD0\xBB\xD0\xB0\xD0\xB2\xD0\xBD\xD0\xB0\xD1\x8F"}},
    {"../../corpus/sample-html/harbour-reopens.html", "Kelsby harbour reopens after two-year rebuild",
     "2025-04-12T15:30:00Z", "Eilidh Marr", "Northcoast Chronicle",
     "https://northcoast-chronicle.example/news/kelsby-harbour-reopens",
     {"Fishing boats returned to Kelsby on Saturday morning for the first time in two years",
      "\"A village again\"", "Today Kelsby feels like a fishing village again.",
      "led by the Morning Star, the oldest vessel in the fleet",
      "a fish market and a ceilidh in the village hall."},
     {"We use cookies", "Accept all", "Subscribe", "Share on Facebook", "Photo: Northcoast",
      "Advertisement", "Read more", "Storm breaches", "newsletter", "Topics:", "Most read",
      "SeaViewSally", "Eleven million pounds", "Registered in Scotland", "Coastal Affairs Reporter",
      "12 April 2025"}},
};

}  // namespace

TEST_CASE("html: each corpus page gives its metadata and article text without boilerplate", "[html]") {
  for (const PageCase& c : kPages) {
    SECTION(c.file) {
      const std::string path = std::string("news/") + c.file;
      const ReadResult r = HtmlReader().read(path, corpus_file(c.file));
      const Article& a = only_article(r);
      CHECK(a.id == path);
      CHECK(a.path == path);
      CHECK(a.line == 0);
      CHECK(a.title == c.title);
      CHECK(iso(a) == c.date);
      CHECK(a.author == c.author);
      CHECK(a.source == c.source);
      CHECK(a.url == c.url);
      for (const char* s : c.must_contain) {
        INFO("must contain: " << s);
        CHECK(a.body.find(s) != std::string::npos);
      }
      for (const char* s : c.must_not_contain) {
        INFO("must not contain: " << s);
        CHECK(a.body.find(s) == std::string::npos);
      }
      for (const auto& p : r.problems) CHECK_FALSE(p.failed);
    }
  }
}

TEST_CASE("html: extracted bodies reach shingle F1 >= 0.9 against the hand-checked text", "[html]") {
  struct F1Case {
    const char* page;
    const char* expected;
  };
  const F1Case cases[] = {
      {"html/wordpress-blog.html", "html/wordpress-blog.expected.txt"},
      {"html/newsroom-jsonld-body.html", "html/newsroom-jsonld-body.expected.txt"},
      {"html/table-layout-brbr.html", "html/table-layout-brbr.expected.txt"},
      {"html/generated-classes.html", "html/generated-classes.expected.txt"},
      {"html/broken-jsonld.html", "html/broken-jsonld.expected.txt"},
      {"html/latin1-charset.html", "html/latin1-charset.expected.txt"},
      {"html/windows-1251-charset.html", "html/windows-1251-charset.expected.txt"},
      {"../../corpus/sample-html/harbour-reopens.html", "html/harbour-reopens.expected.txt"},
  };
  for (const F1Case& c : cases) {
    SECTION(c.page) {
      const ReadResult r = HtmlReader().read(c.page, corpus_file(c.page));
      const double f1 = shingle_f1(only_article(r).body, corpus_file(c.expected));
      INFO("F1 = " << f1);
      CHECK(f1 >= 0.9);
    }
  }
}

TEST_CASE("html: without JSON-LD articleBody the DOM extraction finds the same text", "[html]") {
  std::string page = corpus_file("html/newsroom-jsonld-body.html");
  const std::string key = "\"articleBody\"";
  page.replace(page.find(key), key.size(), "\"description\"");
  const Article a = only_article(HtmlReader().read("p.html", page));
  CHECK(shingle_f1(a.body, corpus_file("html/newsroom-jsonld-body.expected.txt")) >= 0.9);
  CHECK(a.body.find("Advertisement") == std::string::npos);
  CHECK(a.body.find("Markets Briefing") == std::string::npos);
  CHECK(a.body.find("Port strike") == std::string::npos);
  CHECK(a.body.find("Photo: R. Mbeki") == std::string::npos);
}

TEST_CASE("html: shingle F1 helper scores identical text 1 and unrelated text 0", "[html]") {
  CHECK(shingle_f1("one two three four five", "One, two; three four five.") == Approx(1.0));
  CHECK(shingle_f1("one two three four five", "six seven eight nine ten") == Approx(0.0));
}

// ------------------------------------------------------------ metadata rules

namespace {

struct MetaCase {
  const char* name;
  const char* html;
  const char* title;
  const char* date;  // ISO 8601 UTC or "none"
  const char* author;
  const char* source;
  const char* url;
};

const char* const kBody =
    "<p>The quick brown fox jumped over the lazy dog near the river bank on a bright morning, "
    "and nobody in the village of Upper Wick could remember seeing anything like it before.</p>";

std::string page(const std::string& head, const std::string& body_extra = "") {
  return "<html><head>" + head + "</head><body><article>" + body_extra + kBody + "</article></body></html>";
}

}  // namespace

TEST_CASE("html: metadata comes from the documented sources in the documented order", "[html]") {
  const std::vector<std::pair<std::string, MetaCase>> cases = {
      {page("<title>T - Site</title><meta property='og:title' content='OG title'>"
            "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"LD title\"}</script>"),
       {"og:title beats JSON-LD headline and <title>", "", "OG title", "none", "", "", ""}},
      {page("<title>Plain</title><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"LD title\"}</script>"),
       {"JSON-LD headline beats <title>", "", "LD title", "none", "", "", ""}},
      {page("<title>Storm hits coast | The Bugle</title><meta property='og:site_name' content='The Bugle'>"),
       {"a ' | Site' suffix naming the site is dropped", "", "Storm hits coast", "none", "", "The Bugle", ""}},
      {page("<title>Storm hits coast - Weather | Other Paper</title><meta property='og:site_name' content='The Bugle'>"),
       {"a suffix that is not the site name stays", "", "Storm hits coast - Weather | Other Paper", "none", "", "The Bugle", ""}},
      {page("", "<h1>Heading only</h1>"),
       {"the first <h1> is the last resort for the title", "", "Heading only", "none", "", "", ""}},
      {page("<meta property='article:published_time' content='2025-10-15T08:30:00+03:00'>"
            "<meta name='date' content='2020-01-01'>"),
       {"article:published_time beats <meta name=date>", "", "", "2025-10-15T05:30:00Z", "", "", ""}},
      {page("<meta name='DC.date.issued' content='2021-02-03'>"),
       {"DC.date.issued, case-insensitively", "", "", "2021-02-03T00:00:00Z", "", "", ""}},
      {page("<meta name='parsely-pub-date' content='2021-02-03T10:00:00Z'>"),
       {"parsely-pub-date", "", "", "2021-02-03T10:00:00Z", "", "", ""}},
      {page("<meta name='sailthru.date' content='Wed, 15 Oct 2025 08:30:00 GMT'>"),
       {"sailthru.date in RFC 1123 form", "", "", "2025-10-15T08:30:00Z", "", "", ""}},
      {page("", "<time datetime='2022-12-24T18:00:00Z'>Christmas Eve</time>"),
       {"<time datetime> inside the article", "", "", "2022-12-24T18:00:00Z", "", "", ""}},
      {page("", "<p><span itemprop='datePublished' content='2018-05-06'>6 May</span></p>"),
       {"itemprop=datePublished content", "", "", "2018-05-06T00:00:00Z", "", "", ""}},
      {page("", "<div class='post-date'>October 15, 2025</div>"),
       {"a date line near the article when no metadata has one", "", "", "2025-10-15T00:00:00Z", "", "", ""}},
      {page("<meta name='author' content='Jane Roe'><meta property='article:author' content='John Doe'>"),
       {"<meta name=author> beats article:author", "", "", "none", "Jane Roe", "", ""}},
      {page("<meta property='article:author' content='https://facebook.example/jroe'>"
            "<script type='application/ld+json'>{\"@type\":\"Article\",\"author\":\"Ann Lee\"}</script>"),
       {"article:author that is a URL is skipped; JSON-LD author string", "", "", "none", "Ann Lee", "", ""}},
      {page("<script type='application/ld+json'>{\"@type\":\"BlogPosting\",\"author\":{\"@type\":\"Person\",\"name\":\"Bo Chen\"}}</script>"),
       {"JSON-LD author object", "", "", "none", "Bo Chen", "", ""}},
      {page("", "<p>By <a rel='author' href='/a/kim'>Kim Park</a></p>"),
       {"rel=author link", "", "", "none", "Kim Park", "", ""}},
      {page("", "<div class='byline'>By Lee Hart | October 15, 2025</div>"),
       {"byline class, without its date", "", "", "2025-10-15T00:00:00Z", "Lee Hart", "", ""}},
      {page("<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Web Name\"},"
            "{\"@type\":\"NewsArticle\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Pub Name\"}}]}</script>"),
       {"JSON-LD publisher.name inside @graph is the source", "", "", "none", "", "Pub Name", ""}},
      {page("<meta property='og:site_name' content='OG Site'>"
            "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"publisher\":{\"name\":\"Pub Name\"}}</script>"),
       {"og:site_name beats JSON-LD publisher", "", "", "none", "", "OG Site", ""}},
      {page("<link rel='canonical' href='https://a.example/canon'><meta property='og:url' content='https://a.example/og'>"),
       {"canonical link beats og:url", "", "", "none", "", "", "https://a.example/canon"}},
      {page("<meta property='og:url' content='https://a.example/og'>"),
       {"og:url when there is no canonical link", "", "", "none", "", "", "https://a.example/og"}},
      {page("<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"Cut off</script>"),
       {"a truncated JSON-LD block is ignored", "", "", "none", "", "", ""}},
  };
  for (const auto& [html, c] : cases) {
    SECTION(c.name) {
      const ReadResult r = HtmlReader().read("dir/page.html", html);
      const Article& a = only_article(r);
      CHECK(a.title == c.title);
      CHECK(iso(a) == c.date);
      CHECK(a.author == c.author);
      CHECK(a.source == c.source);
      CHECK(a.url == c.url);
      CHECK(a.id == "dir/page.html");
      CHECK(a.body.find("The quick brown fox jumped over the lazy dog") == 0);
    }
  }
}

TEST_CASE("html: the id comes from the path - not from the page's URL", "[html]") {
  const Article a = only_article(HtmlReader().read(
      "./archive/2025/story.html", page("<link rel='canonical' href='https://x.example/story'>")));
  CHECK(a.id == "archive/2025/story.html");
  CHECK(a.path == "./archive/2025/story.html");
  CHECK(a.url == "https://x.example/story");
}

// ------------------------------------------------------------ body format

TEST_CASE("html: body text is written as paragraphs with collapsed white space", "[html]") {
  struct BodyCase {
    const char* name;
    const char* html;
    const char* body;
  };
  const BodyCase cases[] = {
      {"inline elements join without breaks, block elements separate paragraphs",
       "<body><div class='story'><p>Alpha <b>bold</b><i>italic</i>   and\n\n  more text in the first paragraph of the story here.</p>"
       "<h2>A subheading</h2><p>Second paragraph of the story, long enough to be counted as text.</p></div></body>",
       "Alpha bolditalic and more text in the first paragraph of the story here.\n\n"
       "A subheading\n\nSecond paragraph of the story, long enough to be counted as text."},
      {"<br><br> separates paragraphs, one <br> is a space",
       "<body><div>First line of the first paragraph<br>continues here, with some words.<br><br>"
       "Second paragraph of the text, which is also long enough.</div></body>",
       "First line of the first paragraph continues here, with some words.\n\n"
       "Second paragraph of the text, which is also long enough."},
      {"entities are decoded and non-breaking spaces collapse",
       "<body><p>Fish &amp; chips cost &pound;5&nbsp;&nbsp;at the &#8220;Anchor&#8221; on the quay, said the owner.</p></body>",
       "Fish & chips cost \xC2\xA3" "5 at the \xE2\x80\x9C" "Anchor\xE2\x80\x9D on the quay, said the owner."},
      {"scripts, styles and HTML comments are not text",
       "<body><p>Visible text of the article, with a comma.<script>var hidden = 1;</script>"
       "<style>p{color:red}</style><!-- a comment --></p></body>",
       "Visible text of the article, with a comma."},
      {"hidden elements are not text",
       "<body><p>Shown paragraph of the article, with a comma.</p><p hidden>Hidden paragraph</p>"
       "<p style='display: none'>Also hidden</p></body>",
       "Shown paragraph of the article, with a comma."},
  };
  for (const BodyCase& c : cases) {
    SECTION(c.name) {
      const Article a = only_article(HtmlReader().read("b.html", std::string("<html>") + c.html + "</html>"));
      CHECK(a.body == c.body);
    }
  }
}

// ------------------------------------------------------------ split articles

// Invented paragraphs, long and comma-rich enough to score as article text.
std::string story_para(int n) {
  return "<p>Paragraph " + std::to_string(n) +
         " of the harbour story says that the council, after a long and heated meeting, "
         "agreed to repair the old sea wall, widen the quay and reopen the ferry office by spring.</p>";
}

std::string story_text(int n) {
  return "Paragraph " + std::to_string(n) +
         " of the harbour story says that the council, after a long and heated meeting, "
         "agreed to repair the old sea wall, widen the quay and reopen the ferry office by spring.";
}

TEST_CASE("html: an article split by a read-more wrapper or an ad slot is taken whole", "[html]") {
  struct SplitCase {
    const char* name;
    std::string html;
    std::vector<std::string> paragraphs;  // the whole body, in order
  };
  const std::string lead =
      "<div class='intro'><p><strong>Lead paragraph of the story: the harbour will reopen in spring, "
      "the council said on Monday.</strong></p></div>";
  const std::vector<SplitCase> cases = {
      {"lead paragraphs before a read-more wrapper are kept with the text inside it",
       "<body><div class='story'><h1>Harbour to reopen</h1><div class='media'><img src='x.jpg'>"
       "<p class='caption'>The quay at dawn. Photo: staff</p></div>" +
           lead + story_para(1) + story_para(2) +
           "<div id='more'><div><a href='#'>Read more</a></div><div class='ad-slot'></div>"
           "<div id='more-body'>" +
           story_para(3) + story_para(4) + story_para(5) + story_para(6) + story_para(7) +
           "</div></div></div>"
           "<div class='teasers'><h3>Other stories</h3><div class='teaser'><h4><a href='/a'>Ferry "
           "fares rise</a></h4><p>Ticket prices go up by ten percent in May, the operator said.</p>"
           "</div></div></body>",
       {"Lead paragraph of the story: the harbour will reopen in spring, the council said on Monday.",
        story_text(1), story_text(2), story_text(3), story_text(4), story_text(5), story_text(6),
        story_text(7)}},
      {"paragraphs after an ad slot that closed the article's container are kept",
       "<body><div class='wrap'><div class='part'>" + story_para(1) + story_para(2) + story_para(3) +
           story_para(4) + story_para(5) +
           "</div><div class='ad-slot'><span>Advertisement</span></div>" + story_para(6) +
           story_para(7) + "</div><footer><p>Copyright 2024 The Harbour Times. All rights reserved, "
           "no part may be copied.</p></footer></body>",
       {story_text(1), story_text(2), story_text(3), story_text(4), story_text(5), story_text(6),
        story_text(7)}},
      {"a teaser block beside the article (heading, link, picture) stays out",
       "<body><div class='page'><div class='article'>" + story_para(1) + story_para(2) +
           story_para(3) + story_para(4) +
           "</div><div class='card'><h3><a href='/b'>Lighthouse for sale</a></h3><img src='l.jpg'>"
           "<p>The old lighthouse on the point is for sale, and the council hopes a buyer will keep "
           "it open to visitors.</p></div></div></body>",
       {story_text(1), story_text(2), story_text(3), story_text(4)}},
      {"sections rendered alike in distant parts of the page are one story, in page order",
       "<body><div class='post__wrapper'><header><h1>Harbour to reopen</h1></header><section><div>"
       "<div class='post__section wysiwyg'>" +
           story_para(1) + story_para(2) +
           "</div></div></section></div><div class='related'><h3>More</h3><ul><li><a href='/x'>Ferry "
           "fares rise in May</a></li></ul></div><div class='post'><div class='acf-content'>"
           "<figure><img src='q.jpg'><figcaption>The quay at dawn.</figcaption></figure><section><div>"
           "<div class='post__section wysiwyg'>" +
           story_para(3) + story_para(4) + story_para(5) + story_para(6) +
           "</div></div></section><section><div><div class='post__section wysiwyg'>" + story_para(7) +
           "</div></div></section></div></div></body>",
       {story_text(1), story_text(2), story_text(3), story_text(4), story_text(5), story_text(6),
        story_text(7)}},
      {"a caption-named block beside the article stays out",
       "<body><div class='page'><div class='article'>" + story_para(1) + story_para(2) +
           story_para(3) + story_para(4) +
           "</div><div class='photo-caption'><p>Workers repair the sea wall on Tuesday, as the tide "
           "goes out. Photo: Harbour Times.</p></div></div></body>",
       {story_text(1), story_text(2), story_text(3), story_text(4)}},
  };
  for (const SplitCase& c : cases) {
    SECTION(c.name) {
      const Article a = only_article(HtmlReader().read("split.html", "<html>" + c.html + "</html>"));
      std::string want;
      for (const std::string& p : c.paragraphs) want += (want.empty() ? "" : "\n\n") + p;
      CHECK(a.body == want);
    }
  }
}

TEST_CASE("html: JSON-LD articleBody over 200 characters is preferred and normalised", "[html]") {
  const std::string ld_body =
      "First paragraph from the structured data, which the publisher wrote   with extra  spaces "
      "and is long enough.\n\nSecond paragraph from the structured data, also long enough to count "
      "towards the two hundred character threshold.";
  const std::string html =
      "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"articleBody\":" +
      nlohmann::json(ld_body).dump() + "}</script></head><body><p>" + std::string(kBody) + "</p></body></html>";
  const Article a = only_article(HtmlReader().read("ld.html", html));
  CHECK(a.body ==
        "First paragraph from the structured data, which the publisher wrote with extra spaces and is "
        "long enough.\n\nSecond paragraph from the structured data, also long enough to count towards "
        "the two hundred character threshold.");
}

TEST_CASE("html: a JSON-LD articleBody that only repeats the start of the page text loses to the page", "[html]") {
  std::string page_paras, page_text;
  for (int n = 1; n <= 8; ++n) {
    page_paras += story_para(n);
    page_text += (page_text.empty() ? "" : "\n\n") + story_text(n);
  }
  SECTION("a cut-off articleBody (the first two paragraphs) gives way to the whole extracted text") {
    const std::string cut = story_text(1) + "\n\n" + story_text(2);
    const std::string html =
        "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"articleBody\":" +
        nlohmann::json(cut).dump() + "}</script></head><body><div class='story'>" + page_paras +
        "</div></body></html>";
    CHECK(only_article(HtmlReader().read("cut.html", html)).body == page_text);
  }
  SECTION("an articleBody with text the page lacks is kept even when the page has more") {
    const std::string other =
        "The structured data tells a different story, about the new library on the hill, which the "
        "mayor opened on Friday with a short speech and a ribbon. Children from the village school "
        "read poems, and the first books were lent before noon.";
    const std::string html =
        "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"articleBody\":" +
        nlohmann::json(other).dump() + "}</script></head><body><div class='story'>" + page_paras +
        "</div></body></html>";
    CHECK(only_article(HtmlReader().read("other.html", html)).body == other);
  }
}

// ------------------------------------------------------------ robustness

TEST_CASE("html: an empty or blank file is a failed problem and no article", "[html]") {
  for (const char* input : {"", "  \n\t  "}) {
    const ReadResult r = HtmlReader().read("e.html", input);
    CHECK(r.articles.empty());
    CHECK(has_problem(r, "no article text found", true));
  }
}

TEST_CASE("html: a page with neither title nor text is a failed problem", "[html]") {
  const ReadResult r = HtmlReader().read("e.html", "<html><body><div></div></body></html>");
  CHECK(r.articles.empty());
  CHECK(has_problem(r, "no article text found", true));
}

TEST_CASE("html: binary input is a failed problem", "[html]") {
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  const std::string bytes(png, sizeof png - 1);
  const ReadResult r = HtmlReader().read("img.html", bytes);
  CHECK(r.articles.empty());
  CHECK(has_problem(r, "binary file, not HTML", true));
}

TEST_CASE("html: a title without body text gives an article with an empty body", "[html]") {
  const ReadResult r = HtmlReader().read("g.html", corpus_file("html/title-only.html"));
  const Article& a = only_article(r);
  CHECK(a.title == "Photo gallery: Spring lambs at Fenwick Farm");
  CHECK(a.source == "Dale Gazette");
  CHECK(a.body.empty());
  CHECK(has_problem(r, "no body text", false));
}

TEST_CASE("html: 100000 nested elements neither crash nor lose the text", "[html]") {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += (i % 2 == 0) ? "<div>" : "<span>";
  html += "<p>Deep text at the bottom of the nesting, long enough to count, with a comma.</p>";
  // 100000 tags are more than an 8 MiB article limit lets a page have
  // (ReaderOptions::max_page_tags): 16 MiB allows 131072.
  newsdex::ReaderOptions options;
  options.max_body_bytes = std::size_t{16} << 20;
  const ReadResult r = HtmlReader(options).read("deep.html", html);
  const Article& a = only_article(r);
  CHECK(a.body.find("Deep text at the bottom of the nesting") != std::string::npos);
}

TEST_CASE("html: a 1 MB page keeps every paragraph and drops the related lists", "[html]") {
  std::string html = "<html><head><title>Big page</title></head><body><div class='article-body'>";
  int i = 0;
  while (html.size() < 1000000) {
    html += "<p>Paragraph " + std::to_string(i++) +
            " of a long report, with commas, <a href='/x'>a link</a> and <b>bold words</b> "
            "that go on for a while so that the paragraph is realistic in length.</p>\n";
    if (i % 10 == 0) html += "<ul class='related'><li><a href='/r'>Related story</a></li></ul>";
  }
  html += "</div></body></html>";
  const ReadResult r = HtmlReader().read("big.html", html);
  const Article& a = only_article(r);
  CHECK(a.body.find("Paragraph 0 of a long report") == 0);
  CHECK(a.body.find("Paragraph " + std::to_string(i - 1) + " of a long report") != std::string::npos);
  CHECK(a.body.find("Related story") == std::string::npos);
}

TEST_CASE("html: malformed markup and broken JSON-LD never throw", "[html]") {
  const char* inputs[] = {
      "<html><head><script type='application/ld+json'>{{{</script></head><body><p>Text, here",
      "<script type='application/ld+json'>[1,2,{\"@type\":[\"NewsArticle\"],\"author\":[null,3,{}]}]</script><p>x, y",
      "<p>Unclosed <b><i><u>tags <table><tr><td>cell</p></div></span>",
      "<title>\xFF\xFE broken utf8 \xC3</title><p>Caf\xE9 text, with a comma and enough words to count.</p>",
      "<<<>>><!-- <p> --><![CDATA[ x ]]>&#0;&#xFFFFFFFF;&bogus;",
  };
  for (const char* input : inputs) {
    ReadResult r;
    REQUIRE_NOTHROW(r = HtmlReader().read("m.html", input));
    // An article, or a failure that says why there is none; valid text.
    const bool failed = std::any_of(r.problems.begin(), r.problems.end(), [](const auto& p) { return p.failed; });
    CHECK((r.articles.size() == 1 || (r.articles.empty() && failed)));
    for (const Article& a : r.articles) {
      CHECK(a.id == "m.html");
      for (const std::string* f : {&a.title, &a.body, &a.author, &a.source, &a.url}) CHECK(newsdex::is_valid_utf8(*f));
    }
  }
}
