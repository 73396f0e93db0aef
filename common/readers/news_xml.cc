// The streaming parse of news XML and the recognition of its formats (see
// news_xml.h).
#include "readers/news_xml.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <exception>
#include <mutex>

#include "newsdex/dates.h"
#include "newsdex/encoding.h"
#include "newsdex/text.h"
#include "readers/byline.h"
#include "readers/html_content.h"
#include "readers/reader_io.h"
#include "readers/reader_util.h"

namespace newsdex::xml {

// ------------------------------------------------------------ the tree

namespace {

bool matches(const Node& n, std::string_view name, std::optional<std::string_view> ns) {
  return !n.is_text && n.name == name && (!ns || n.ns == *ns);
}

void escape_into(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
}

}  // namespace

int Tree::child(int i, std::string_view name, std::optional<std::string_view> ns) const {
  if (i < 0) return -1;
  for (int c : node(i).children)
    if (matches(node(c), name, ns)) return c;
  return -1;
}

std::vector<int> Tree::children(int i, std::string_view name, std::optional<std::string_view> ns) const {
  std::vector<int> out;
  if (i < 0) return out;
  for (int c : node(i).children)
    if (matches(node(c), name, ns)) out.push_back(c);
  return out;
}

// Nodes are stored in document order and a subtree is contiguous: the
// descendants of `i` are the nodes after it up to the first one whose
// parent chain does not reach `i`.
std::vector<int> Tree::descendants(int i, std::string_view name, std::optional<std::string_view> ns,
                                   std::size_t limit) const {
  std::vector<int> out;
  if (i < 0) return out;
  std::vector<char> inside(nodes_.size(), 0);
  inside[static_cast<std::size_t>(i)] = 1;
  for (int k = i + 1; k < size() && out.size() < limit; ++k) {
    const int p = node(k).parent;
    if (p < 0 || !inside[static_cast<std::size_t>(p)]) break;
    inside[static_cast<std::size_t>(k)] = 1;
    if (matches(node(k), name, ns)) out.push_back(k);
  }
  return out;
}

std::vector<int> Tree::find_all(int i, std::string_view name, std::optional<std::string_view> ns) const {
  return descendants(i, name, ns, static_cast<std::size_t>(-1));
}

int Tree::find(int i, std::string_view name, std::optional<std::string_view> ns) const {
  const std::vector<int> first = descendants(i, name, ns, 1);
  return first.empty() ? -1 : first.front();
}

std::string Tree::attr(int i, std::string_view name) const {
  if (i < 0) return {};
  for (const auto& [k, v] : node(i).attrs)
    if (k == name) return v;
  return {};
}

std::string Tree::text(int i) const {
  if (i < 0) return {};
  std::string out;
  // The subtree in document order; a space between elements' texts, so that
  // <name><given>A</given><family>B</family></name> reads "A B".
  for (int k = i; k < size(); ++k) {
    if (k > i) {
      int p = node(k).parent;
      while (p > i) p = node(p).parent;
      if (p != i) break;
    }
    if (node(k).is_text) {
      out += node(k).text;
    } else {
      out += ' ';
    }
  }
  return collapse_whitespace(out);
}

std::string Tree::raw_text(int i) const {
  if (i < 0) return {};
  std::string out;
  for (int k = i + 1; k < size(); ++k) {
    int p = node(k).parent;
    while (p > i) p = node(p).parent;
    if (p != i) break;
    if (node(k).is_text) out += node(k).text;
  }
  return out;
}

std::string Tree::inner_html(int i, std::string_view (*rename)(std::string_view)) const {
  std::string out;
  if (i < 0) return out;
  // Iterative: (node, entering) pairs.
  std::vector<std::pair<int, bool>> stack;
  const std::vector<int>& top = node(i).children;
  for (auto it = top.rbegin(); it != top.rend(); ++it) stack.emplace_back(*it, true);
  while (!stack.empty()) {
    auto [k, entering] = stack.back();
    stack.pop_back();
    const Node& n = node(k);
    if (n.is_text) {
      escape_into(out, n.text);
      continue;
    }
    std::string_view tag = n.name;
    if (rename != nullptr) {
      const std::string_view r = rename(n.name);
      if (r.data() != nullptr) tag = r;
    }
    if (tag.empty()) continue;  // left out with its content
    if (!entering) {
      out += "</";
      out += tag;
      out += '>';
      continue;
    }
    out += '<';
    out += tag;
    out += '>';
    stack.emplace_back(k, false);
    for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) stack.emplace_back(*it, true);
  }
  return out;
}

std::string Tree::lang(int i) const {
  for (int k = i; k >= 0; k = node(k).parent) {
    const std::string l = attr(k, "xml:lang");
    if (!l.empty()) return l;
  }
  return outer_lang_;
}

// ------------------------------------------------------------ the parse

namespace {

constexpr std::size_t kMaxContextText = 65536;

void init_libxml_once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string str(const xmlChar* s) { return s == nullptr ? std::string() : reinterpret_cast<const char*>(s); }

}  // namespace

// The state of one parse, reached from libxml2's callbacks through the
// parser context's _private.
class Builder {
 public:
  Builder(const ReaderOptions& options, Handler& handler, ArticleSink& out)
      : options_(options), handler_(handler), out_(out) {}

  xmlParserCtxtPtr ctxt = nullptr;
  bool stopped = false;

  // An attribute's value as the document means it. Without entity
  // substitution, libxml2 gives each '&' of a value (written "&amp;" or
  // "&#38;") as "&#38;" and every other character as itself: one pass
  // turns them back ("&#38;#38;" is "&#38;", as written "&amp;#38;").
  static std::string attribute_value(std::string_view raw) {
    static constexpr std::string_view kAmp = "&#38;";
    std::string out;
    out.reserve(raw.size());
    std::size_t pos = 0;
    for (std::size_t at = raw.find(kAmp); at != std::string_view::npos; at = raw.find(kAmp, pos)) {
      out.append(raw, pos, at - pos).push_back('&');
      pos = at + kAmp.size();
    }
    out.append(raw, pos);
    return out;
  }

  void start(const xmlChar* local, const xmlChar* uri, int nb_attributes, const xmlChar** attributes) {
    const std::uint64_t line = ctxt != nullptr && ctxt->input != nullptr ? static_cast<std::uint64_t>(ctxt->input->line) : 0;
    std::vector<std::pair<std::string, std::string>> attrs;
    for (int a = 0; a < nb_attributes; ++a) {
      const xmlChar** at = attributes + 5 * a;
      std::string name = str(at[0]);
      if (at[1] != nullptr && std::strcmp(reinterpret_cast<const char*>(at[1]), "xml") == 0) name = "xml:" + name;
      attrs.emplace_back(std::move(name), attribute_value(std::string_view(reinterpret_cast<const char*>(at[3]),
                                                                           static_cast<std::size_t>(at[4] - at[3]))));
    }
    std::string lang = langs_.empty() ? std::string() : langs_.back();
    for (const auto& [k, v] : attrs)
      if (k == "xml:lang") lang = v;
    path_.push_back({str(uri), str(local)});
    langs_.push_back(lang);

    if (record_depth_ == 0 && handler_.opens_record(path_)) {
      record_depth_ = path_.size();
      record_line_ = line;
      record_error_.clear();
      too_large_ = false;
      bytes_ = 0;
      tree_ = Tree();
      tree_.outer_lang_ = langs_.size() >= 2 ? langs_[langs_.size() - 2] : std::string();
      open_.clear();
    }
    if (record_depth_ == 0) {
      context_.push_back({std::move(attrs), std::string()});
      return;
    }
    if (too_large_) return;
    std::size_t bytes = path_.back().name.size() + 16;
    for (const auto& [k, v] : attrs) bytes += k.size() + v.size();
    if (!charge(bytes)) return;
    Node n;
    n.ns = path_.back().ns;
    n.name = path_.back().name;
    n.attrs = std::move(attrs);
    n.line = line;
    add(std::move(n));
    open_.push_back(tree_.size() - 1);
  }

  void end() {
    if (path_.empty()) return;
    if (record_depth_ == 0) {
      if (!context_.empty()) {
        handler_.context(path_, context_.back().first, context_.back().second);
        context_.pop_back();
      }
    } else {
      if (!too_large_ && !open_.empty()) open_.pop_back();
      if (path_.size() == record_depth_) finish_record();
    }
    path_.pop_back();
    langs_.pop_back();
  }

  void characters(const char* s, std::size_t n) {
    if (record_depth_ == 0) {
      if (context_.empty()) return;
      std::string& t = context_.back().second;
      if (t.size() < kMaxContextText) t.append(s, std::min(n, kMaxContextText - t.size()));
      return;
    }
    if (too_large_ || open_.empty() || !charge(n)) return;
    Node& parent = tree_.nodes_[static_cast<std::size_t>(open_.back())];
    if (!parent.children.empty()) {
      Node& last = tree_.nodes_[static_cast<std::size_t>(parent.children.back())];
      if (last.is_text) {
        last.text.append(s, n);
        return;
      }
    }
    Node t;
    t.is_text = true;
    t.text.assign(s, n);
    add(std::move(t));
  }

  void error(const xmlError& e) {
    // Undeclared entities: the HTML names feeds use (&nbsp;) are read as
    // their characters; others are dropped.
    if ((e.code == XML_ERR_UNDECLARED_ENTITY || e.code == XML_WAR_UNDECLARED_ENTITY) && e.str1 != nullptr) {
      if (const htmlEntityDesc* d = htmlEntityLookup(reinterpret_cast<const xmlChar*>(e.str1))) {
        std::string u;
        append_utf8(u, static_cast<char32_t>(d->value));
        characters(u.data(), u.size());
      }
      return;
    }
    if (e.level == XML_ERR_WARNING) return;
    std::string message = collapse_whitespace(e.message != nullptr ? e.message : "malformed XML");
    const std::uint64_t line = e.line > 0 ? static_cast<std::uint64_t>(e.line) : 0;
    if (record_depth_ != 0) {
      if (record_error_.empty()) record_error_ = message + " (line " + std::to_string(line) + ")";
      return;
    }
    if (gap_error_) return;
    gap_error_ = true;
    out_.problem({line, "XML error: " + message, true});
  }

  // After the parse: a record still open was cut short, by the end of the
  // input (`input_ended`) or by an error the parser does not go on after
  // (an entity loop, a nesting too deep), which leaves the rest of the file
  // unread.
  void finish(bool input_ended) {
    if (record_depth_ == 0 || stopped) return;
    const std::string why = record_error_.empty() ? std::string("malformed XML") : record_error_;
    out_.problem({record_line_,
                  input_ended ? "incomplete record: " + why
                              : "XML error in this record stops the reading: " + why + "; the rest of the file is not read",
                  true});
    record_depth_ = 0;
  }

 private:
  bool charge(std::size_t n) {
    bytes_ += n;
    if (bytes_ <= options_.max_record_bytes() && static_cast<std::size_t>(tree_.size()) < options_.max_page_tags())
      return true;
    too_large_ = true;
    return false;
  }

  void add(Node n) {
    const int id = tree_.size();
    n.parent = open_.empty() ? -1 : open_.back();
    tree_.nodes_.push_back(std::move(n));
    if (tree_.nodes_.back().parent >= 0) tree_.nodes_[static_cast<std::size_t>(tree_.nodes_.back().parent)].children.push_back(id);
  }

  void finish_record() {
    record_depth_ = 0;
    gap_error_ = false;
    if (too_large_) {
      out_.problem({record_line_, "record too large (over " + human_size(options_.max_record_bytes()) + " or " +
                                      std::to_string(options_.max_page_tags()) + " elements): skipped",
                    true});
    } else if (!record_error_.empty()) {
      out_.problem({record_line_, "malformed record skipped: " + record_error_, true});
    } else if (!handler_.record(tree_, record_line_)) {
      stopped = true;
      if (ctxt != nullptr) xmlStopParser(ctxt);
    }
    tree_ = Tree();
  }

  const ReaderOptions& options_;
  Handler& handler_;
  ArticleSink& out_;
  std::vector<Name> path_;
  std::vector<std::string> langs_;
  std::vector<std::pair<std::vector<std::pair<std::string, std::string>>, std::string>> context_;
  std::size_t record_depth_ = 0;  // path_ size at the record's element; 0 outside records
  std::uint64_t record_line_ = 0;
  std::string record_error_;
  bool too_large_ = false;
  bool gap_error_ = false;
  std::size_t bytes_ = 0;
  Tree tree_;
  std::vector<int> open_;
};

namespace {

Builder* builder_of(void* ctx) {
  if (ctx == nullptr) return nullptr;
  return static_cast<Builder*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

void on_start(void* ctx, const xmlChar* local, const xmlChar* /*prefix*/, const xmlChar* uri, int /*nb_ns*/,
              const xmlChar** /*ns*/, int nb_attributes, int /*nb_defaulted*/, const xmlChar** attributes) {
  if (Builder* b = builder_of(ctx)) b->start(local, uri, nb_attributes, attributes);
}

void on_end(void* ctx, const xmlChar* /*local*/, const xmlChar* /*prefix*/, const xmlChar* /*uri*/) {
  if (Builder* b = builder_of(ctx)) b->end();
}

void on_characters(void* ctx, const xmlChar* s, int n) {
  if (Builder* b = builder_of(ctx); b != nullptr && n > 0)
    b->characters(reinterpret_cast<const char*>(s), static_cast<std::size_t>(n));
}

void on_reference(void* ctx, const xmlChar* name) {
  // A declared entity left unexpanded: an HTML name is read as its
  // character; the DTD's own value is not looked at.
  if (Builder* b = builder_of(ctx)) {
    if (const htmlEntityDesc* d = htmlEntityLookup(name)) {
      std::string u;
      append_utf8(u, static_cast<char32_t>(d->value));
      b->characters(u.data(), u.size());
    }
  }
}

void on_error(void* ctx, xmlErrorPtr e) {
  if (e == nullptr) return;
  if (Builder* b = builder_of(ctx)) b->error(*e);
}

// Nothing outside the document is ever read.
xmlParserInputPtr no_entity(void* /*ctx*/, const xmlChar* /*public_id*/, const xmlChar* /*system_id*/) {
  return nullptr;
}

struct CtxtFree {
  void operator()(xmlParserCtxt* c) const {
    if (c->myDoc != nullptr) xmlFreeDoc(c->myDoc);
    c->myDoc = nullptr;
    xmlFreeParserCtxt(c);
  }
};

// The first `head` as libxml2 can read it: a document that starts with
// whitespace before its XML declaration (a feed whose server writes a
// blank line first) has the declaration moved before that whitespace, so
// that every later line keeps its number. Else "" (use `head` as it is).
std::string declaration_first(std::string_view head) {
  std::size_t at = head.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  const std::size_t ws = at;
  while (at < head.size() && (head[at] == ' ' || head[at] == '\t' || head[at] == '\r' || head[at] == '\n')) ++at;
  if (at == ws || head.compare(at, 5, "<?xml") != 0) return {};
  const std::size_t end = head.find("?>", at);
  if (end == std::string_view::npos) return {};
  std::string out(head.substr(0, ws));
  out.append(head.substr(at, end + 2 - at));
  out.append(head.substr(ws, at - ws));
  out.append(head.substr(end + 2));
  return out;
}

// True when `head` declares no encoding (no BOM, no encoding="..." in an
// XML declaration) and is not UTF-8: a feed in Latin-1 or Windows-1252 that
// says nothing, which libxml2 would stop at as "not proper UTF-8". A cut
// multi-byte character at the very end of `head` does not count.
bool undeclared_8bit(std::string_view head) {
  if (head.rfind("\xEF\xBB\xBF", 0) == 0 || head.rfind("\xFE\xFF", 0) == 0 || head.rfind("\xFF\xFE", 0) == 0) return false;
  if (head.rfind("<?xml", 0) == 0) {
    const std::size_t end = head.find("?>");
    if (end != std::string_view::npos && head.substr(0, end).find("encoding") != std::string_view::npos) return false;
  }
  return !is_valid_utf8(head.substr(0, decodable_prefix(head)));
}

}  // namespace

bool parse(std::string_view head, ByteSource& in, const ReaderOptions& options, Handler& handler,
           ArticleSink& out) {
  init_libxml_once();
  // The first kSniffBytes, to look at the declaration and encoding.
  std::string start;
  if (head.size() < kSniffBytes) {
    start = read_head(in, std::string(head));
    head = start;
  }
  const std::string moved = declaration_first(head);
  if (!moved.empty()) head = moved;
  const bool latin = undeclared_8bit(head);
  xmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  xmlSAXVersion(&sax, 2);
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_characters;
  sax.cdataBlock = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.reference = on_reference;
  sax.comment = nullptr;
  sax.processingInstruction = nullptr;
  sax.resolveEntity = no_entity;
  sax.externalSubset = nullptr;
  sax.warning = nullptr;
  sax.error = nullptr;
  sax.fatalError = nullptr;
  sax.serror = on_error;

  Builder builder(options, handler, out);
  // libxml2 pulls the bytes through `pull`: `head`, then `in`, in chunks.
  // A ReadError cannot cross libxml2's C frames: it is kept, the parse
  // told the input failed, and the error thrown again after.
  struct Input {
    std::string_view head;
    ByteSource& in;
    std::exception_ptr error;
    bool ended = false;
  } input{head, in, nullptr, false};
  xmlInputReadCallback pull = [](void* ctx, char* buf, int len) -> int {
    auto* i = static_cast<Input*>(ctx);
    if (len <= 0) return 0;
    std::size_t got = std::min(i->head.size(), static_cast<std::size_t>(len));
    if (got != 0) std::memcpy(buf, i->head.data(), got);
    i->head.remove_prefix(got);
    // libxml2 wants its buffer filled (it detects the encoding from the
    // first read): the source's short reads are joined.
    try {
      while (got < static_cast<std::size_t>(len) && !i->ended) {
        const std::size_t n = i->in.read(buf + got, static_cast<std::size_t>(len) - got);
        i->ended = n == 0;
        got += n;
      }
      return static_cast<int>(got);
    } catch (...) {
      i->error = std::current_exception();
      return -1;
    }
  };
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(
      xmlCreateIOParserCtxt(&sax, nullptr, pull, nullptr, &input, XML_CHAR_ENCODING_NONE));
  if (!ctxt) throw std::bad_alloc();
  ctxt->_private = &builder;
  builder.ctxt = ctxt.get();
  xmlCtxtUseOptions(ctxt.get(), XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA);
  // xmlCtxtUseOptions may reset handlers: the error channel is ours again.
  ctxt->sax->serror = on_error;
  ctxt->sax->warning = nullptr;
  ctxt->sax->error = nullptr;
  ctxt->sax->fatalError = nullptr;
  // Undeclared 8-bit text is read as Windows-1252 (a superset of Latin-1
  // for the characters news uses), as browsers and feed readers do.
  if (latin) {
    if (xmlCharEncodingHandlerPtr cp1252 = xmlFindCharEncodingHandler("WINDOWS-1252")) {
      xmlSwitchToEncoding(ctxt.get(), cp1252);
    } else {
      xmlSwitchEncoding(ctxt.get(), XML_CHAR_ENCODING_8859_1);
    }
  }
  xmlParseDocument(ctxt.get());
  if (input.error) std::rethrow_exception(input.error);
  // libxml2 disables its callbacks when it gives up (xmlHaltParser).
  builder.finish(ctxt->disableSAX == 0);
  return !builder.stopped;
}

// ------------------------------------------------------------ sniffing

namespace {

// `head` as ASCII-compatible bytes: UTF-16 (with a byte order mark, or
// "<\0" / "\0<" at the start) has its zero bytes dropped, which keeps the
// markup of ASCII names readable.
std::string ascii_view(std::string_view head) {
  bool le = false, be = false;
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0xFF && static_cast<unsigned char>(head[1]) == 0xFE) le = true;
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0xFE && static_cast<unsigned char>(head[1]) == 0xFF) be = true;
  if (head.size() >= 2 && head[0] == '<' && head[1] == '\0') le = true;
  if (head.size() >= 2 && head[0] == '\0' && head[1] == '<') be = true;
  if (!le && !be) {
    if (head.size() >= 3 && head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    return std::string(head);
  }
  std::string out;
  for (std::size_t i = (le ? 0 : 1); i < head.size(); i += 2) out += head[i];
  if (!out.empty() && static_cast<unsigned char>(out[0]) >= 0x80) out.erase(0, 1);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The position of the root element's '<' in `s`, or npos.
std::size_t root_at(const std::string& s) {
  std::size_t i = 0;
  for (;;) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size() || s[i] != '<') return std::string::npos;
    if (s.compare(i, 2, "<?") == 0) {
      const std::size_t e = s.find("?>", i + 2);
      if (e == std::string::npos) return std::string::npos;
      i = e + 2;
    } else if (s.compare(i, 4, "<!--") == 0) {
      const std::size_t e = s.find("-->", i + 4);
      if (e == std::string::npos) return std::string::npos;
      i = e + 3;
    } else if (s.compare(i, 2, "<!") == 0) {
      // <!DOCTYPE name ... [ internal subset ]>
      std::size_t k = i + 2;
      int brackets = 0;
      char quote = 0;
      for (; k < s.size(); ++k) {
        const char c = s[k];
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '[') {
          ++brackets;
        } else if (c == ']') {
          --brackets;
        } else if (c == '>' && brackets <= 0) {
          break;
        }
      }
      if (k >= s.size()) return std::string::npos;
      i = k + 1;
    } else {
      return i;
    }
  }
}

}  // namespace

std::string root_name(std::string_view head) {
  const std::string s = ascii_view(head);
  const std::size_t at = root_at(s);
  if (at == std::string::npos) return {};
  std::size_t e = at + 1;
  while (e < s.size() && !is_space(s[e]) && s[e] != '>' && s[e] != '/') ++e;
  std::string name = s.substr(at + 1, e - at - 1);
  const std::size_t colon = name.find(':');
  if (colon != std::string::npos) name.erase(0, colon + 1);
  if (name.size() > 64) name.resize(64);
  return name;
}

std::string read_head(ByteSource& in, std::string head) {
  char chunk[4096];
  while (head.size() < kSniffBytes) {
    const std::size_t n = in.read(chunk, std::min(sizeof chunk, kSniffBytes - head.size()));
    if (n == 0) break;
    head.append(chunk, n);
  }
  return head;
}

Format sniff(std::string_view head) {
  const std::string name = root_name(head);
  if (name.empty()) return Format::none;
  const std::string s = ascii_view(head);
  if (name == "rss") return Format::feed;
  if (name == "RDF")
    return s.find("purl.org/rss/1.0") != std::string::npos || s.find("netscape.com/rdf/simple/0.9") != std::string::npos
               ? Format::feed
               : Format::none;
  if (name == "feed")
    return s.find("www.w3.org/2005/Atom") != std::string::npos || s.find("purl.org/atom/ns") != std::string::npos
               ? Format::feed
               : Format::none;
  if (name == "nitf") return Format::nitf;
  if (name == "newsItem" || name == "newsMessage") return Format::newsml;
  if (name == "NewsML") return Format::newsml1;
  return Format::none;
}

// ------------------------------------------------------------ helpers

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ISO 8601 basic form as the extended form parse_date reads, or "".
std::string extended_iso(std::string_view t) {
  if (t.size() < 8 || !all_digits(t.substr(0, 8))) return {};
  std::string out = std::string(t.substr(0, 4)) + "-" + std::string(t.substr(4, 2)) + "-" + std::string(t.substr(6, 2));
  t.remove_prefix(8);
  if (t.empty()) return out;
  if (t[0] != 'T' && t[0] != 't') return {};
  t.remove_prefix(1);
  std::size_t n = 0;
  while (n < t.size() && t[n] >= '0' && t[n] <= '9') ++n;
  if (n != 4 && n != 6) return {};
  out += "T" + std::string(t.substr(0, 2)) + ":" + std::string(t.substr(2, 2)) + ":" +
         (n == 6 ? std::string(t.substr(4, 2)) : std::string("00"));
  t.remove_prefix(n);
  if (t.empty() || t == "Z" || t == "z") return out + (t.empty() ? "" : "Z");
  if ((t[0] == '+' || t[0] == '-') && t.size() == 5 && all_digits(t.substr(1)))
    return out + std::string(t.substr(0, 3)) + ":" + std::string(t.substr(3));
  if ((t[0] == '+' || t[0] == '-') && t.size() == 6 && t[3] == ':') return out + std::string(t);
  return {};
}

}  // namespace

std::optional<UnixTime> date_of(std::string_view text) {
  const std::string t = collapse_whitespace(text);
  if (t.empty()) return std::nullopt;
  if (auto d = parse_date(t)) return d;
  const std::string ext = extended_iso(t);
  if (!ext.empty()) return parse_date(ext);
  return std::nullopt;
}

namespace {

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (p.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

bool has_element_child(const Tree& tree, int i) {
  for (int c : tree.node(i).children)
    if (!tree.node(c).is_text) return true;
  return false;
}

}  // namespace

std::string html_body(const Tree& tree, int i) {
  if (i < 0) return {};
  if (has_element_child(tree, i)) return join_paragraphs(html::markup_paragraphs(tree.inner_html(i)));
  return html::fragment_text(tree.raw_text(i));
}

std::string author_name(std::string text) {
  text = collapse_whitespace(text);
  const std::size_t open = text.find('(');
  const std::size_t close = text.rfind(')');
  if (text.find('@') != std::string::npos && open != std::string::npos && close != std::string::npos && close > open + 1)
    text = collapse_whitespace(text.substr(open + 1, close - open - 1));
  if (auto lead = byline::lead_of(text, byline::Context::element)) text = collapse_whitespace(text.substr(lead->length));
  return text;
}

void report_unnamed_subjects(std::uint64_t n, ArticleSink& out) {
  if (n == 0) return;
  out.problem({0, std::to_string(n) + (n == 1 ? " subject" : " subjects") + " given only as a code (no name) not kept as topics",
               false});
}

void add_entity(std::vector<Entity>& out, EntityType type, const std::string& name) {
  const std::string n = collapse_whitespace(name);
  if (n.empty() || n.size() > 200) return;
  const std::string key = ascii_lower(n);
  for (const Entity& e : out)
    if (e.type == type && ascii_lower(e.name) == key) return;
  out.push_back({type, n, 1});
}

namespace {

// NITF elements as HTML: headings, blocks, tables; inline markup of
// names, numbers and times as spans; media left out.
std::string_view nitf_as_html(std::string_view name) {
  if (name == "hl1" || name == "hl2") return "h2";
  if (name == "block" || name == "media-caption") return "div";
  if (name == "nitf-table") return "table";
  if (name == "media" || name == "media-reference" || name == "media-metadata" || name == "media-object" ||
      name == "media-producer" || name == "nitf-table-metadata" || name == "body.end")
    return "";
  if (name == "person" || name == "org" || name == "location" || name == "classifier" || name == "money" ||
      name == "num" || name == "chron" || name == "event" || name == "function" || name == "object.title" ||
      name == "virtloc" || name == "copyrite" || name == "alt-code" || name == "frac" || name == "pronounce" ||
      name == "q" || name == "lang")
    return "span";
  return {};
}

}  // namespace

std::string nitf_body(const Tree& tree, int i) {
  if (i < 0) return {};
  // Newspaper archives give a lead paragraph block and the full text, which
  // begins with it: the full text alone then.
  for (int b : tree.children(i, "block"))
    if (tree.attr(b, "class") == "full_text") return join_paragraphs(html::markup_paragraphs(tree.inner_html(b, nitf_as_html)));
  return join_paragraphs(html::markup_paragraphs(tree.inner_html(i, nitf_as_html)));
}

std::vector<Entity> nitf_entities(const Tree& tree, int i) {
  std::vector<Entity> out;
  if (i < 0) return out;
  for (int k : tree.find_all(i, "person")) add_entity(out, EntityType::person, tree.text(k));
  for (int k : tree.find_all(i, "org")) add_entity(out, EntityType::org, tree.text(k));
  for (int k : tree.find_all(i, "location")) {
    // A location made of parts (<city>, <country>) names its most precise
    // one; a plain one is its text.
    std::string name;
    for (const char* part : {"city", "sublocation", "state", "region", "country"}) {
      name = tree.child_text(k, part);
      if (!name.empty()) break;
    }
    if (name.empty()) name = tree.text(k);
    add_entity(out, EntityType::place, name);
  }
  return out;
}

void nitf_topics(const Tree& tree, int i, std::vector<std::string>& topics, std::vector<Entity>& entities) {
  if (i < 0) return;
  for (int k : tree.find_all(i, "classifier")) {
    const std::string type = ascii_lower(collapse_whitespace(tree.attr(k, "type")));
    if (type == "types_of_material") continue;
    if (type == "person" || type == "persons" || type == "names") {
      add_entity(entities, EntityType::person, tree.text(k));
    } else if (type == "org" || type == "orgs" || type == "organization" || type == "organisation") {
      add_entity(entities, EntityType::org, tree.text(k));
    } else if (type == "location" || type == "locations" || type == "place" || type == "geo") {
      add_entity(entities, EntityType::place, tree.text(k));
    } else {
      add_topic(topics, tree.text(k));
    }
  }
  for (int k : tree.find_all(i, "tobject.subject")) {
    for (const char* attr : {"tobject.subject.detail", "tobject.subject.matter", "tobject.subject.type"}) {
      const std::string name = collapse_whitespace(tree.attr(k, attr));
      if (name.empty()) continue;
      add_topic(topics, name);
      break;
    }
  }
  for (int list : tree.find_all(i, "key-list"))
    for (int k : tree.children(list, "keyword")) add_topic(topics, tree.attr(k, "key"));
}

}  // namespace newsdex::xml
