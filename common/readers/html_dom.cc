#include "readers/html_dom.h"

namespace newsdex::html {

namespace {

std::string attr_value(const xmlAttr* a) {
  std::string v;
  for (const xmlNode* c = a->children; c != nullptr; c = c->next)
    if (c->content != nullptr) v += reinterpret_cast<const char*>(c->content);
  return v;
}

std::string node_text(xmlNode* n) {
  xmlChar* s = xmlNodeGetContent(n);
  if (s == nullptr) return {};
  std::string out = collapse_whitespace(reinterpret_cast<const char*>(s));
  xmlFree(s);
  return out;
}

std::uint16_t hints_of(const std::string& name) {
  std::uint16_t h = 0;
  if (name.empty()) return h;
  if (contains_any(name, {"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment",
                          "community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
                          "header", "legends", "menu", "related", "remark", "replies", "rss",
                          "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
                          "supplemental", "ad-break", "agegate", "pagination", "pager",
                          "popup", "yom-remote", "cookie", "consent", "newsletter",
                          "subscribe", "signup", "sign-up", "paywall", "toolbar", "navbar",
                          "navigation", "masthead", "modal", "recirc", "most-popular",
                          "mostpopular", "trending", "outbrain", "taboola", "promo",
                          "advert", "breadcrumb", "sharing"}))
    h |= kUnlikely;
  if (contains_any(name, {"and", "article", "body", "column", "content", "main", "mathjax", "shadow"}))
    h |= kMaybe;
  if (contains_any(name, {"comment", "disqus", "replies", "respond"})) h |= kComment;
  if (contains_any(name, {"comment", "disqus", "replies", "cookie", "consent", "gdpr",
                          "newsletter", "signup", "sign-up", "paywall", "outbrain", "taboola",
                          "recirc", "related", "promo", "advert", "sponsor", "social",
                          "sharing", "most-popular", "mostpopular", "trending", "breadcrumb",
                          "popup", "modal"}))
    h |= kJunk;
  // "auteur" (fr), "autor" (de, es, pt; "autore", it).
  if (contains_any(name, {"byline", "author", "auteur", "autor", "dateline", "writtenby", "p-author"}))
    h |= kByline;
  if (contains_any(name, {"caption", "credit"})) h |= kCaption;
  if (contains_any(name, {"date", "time", "publish", "posted"})) h |= kDateish;
  for (std::string_view word : {"share", "sharedaddy"}) {
    for (std::size_t at = name.find(word); at != std::string::npos; at = name.find(word, at + 1)) {
      const std::size_t end = at + word.size();
      const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(name[at - 1]));
      const bool right = end == name.size() || !std::isalnum(static_cast<unsigned char>(name[end]));
      if (left && right) h |= kShare | kUnlikely | kJunk;
    }
  }
  return h;
}

int weight_of(const std::string& name) {
  if (name.empty()) return 0;
  int w = 0;
  if (contains_any(name, {"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
                          "foot", "gdpr", "masthead", "media", "meta", "outbrain", "promo",
                          "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
                          "sponsor", "shopping", "tags", "tool", "widget", "byline",
                          "author", "newsletter", "cookie", "caption", "recirc", "taboola",
                          "advert", "menu"}))
    w -= 25;
  if (contains_any(name, {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                          "page", "pagination", "post", "text", "blog", "story"}))
    w += 25;
  return w;
}

}  // namespace

DomTree::DomTree(xmlDoc* doc) {
  nodes_.emplace_back();  // the root
  copy(doc);
  group_loose_inline();
  order_and_measure();
}

int DomTree::add(Node n) {
  nodes_.push_back(std::move(n));
  const int id = static_cast<int>(nodes_.size()) - 1;
  nodes_[static_cast<std::size_t>(nodes_.back().parent)].kids.push_back(id);
  return id;
}

void DomTree::gather_facts(xmlNode* e, Tag t) {
  std::string name, property, itemprop, content, rel, href, type, datetime;
  for (const xmlAttr* a = e->properties; a != nullptr; a = a->next) {
    const std::string_view an = reinterpret_cast<const char*>(a->name);
    if (an == "name") name = ascii_lower(attr_value(a));
    else if (an == "property") property = ascii_lower(attr_value(a));
    else if (an == "itemprop") itemprop = ascii_lower(attr_value(a));
    else if (an == "content") content = attr_value(a);
    else if (an == "rel") rel = ascii_lower(attr_value(a));
    else if (an == "href") href = attr_value(a);
    else if (an == "type") type = ascii_lower(attr_value(a));
    else if (an == "datetime") datetime = attr_value(a);
    else if (an == "http-equiv") name = ascii_lower(attr_value(a));  // content-language
    else if (an == "lang" && t == Tag::html && facts_.lang.empty()) facts_.lang = attr_value(a);  // lang, xml:lang
  }
  if (t == Tag::meta) {
    content = collapse_whitespace(content);
    if (content.empty()) return;
    for (const std::string* key : {&name, &property, &itemprop})
      if (!key->empty()) facts_.metas.emplace_back(collapse_whitespace(*key), content);
    return;
  }
  if (t == Tag::title) {
    if (facts_.title.empty()) facts_.title = node_text(e);
    return;
  }
  if (t == Tag::script) {
    if (type.find("ld+json") != std::string::npos) {
      xmlChar* s = xmlNodeGetContent(e);
      if (s != nullptr) {
        facts_.json_ld.emplace_back(reinterpret_cast<const char*>(s));
        xmlFree(s);
      }
    }
    return;
  }
  const bool rel_author = (" " + rel + " ").find(" author ") != std::string::npos;
  if (t == Tag::link && rel_author == false) {
    if ((" " + rel + " ").find(" canonical ") != std::string::npos && facts_.canonical.empty())
      facts_.canonical = collapse_whitespace(href);
    return;
  }
  if (rel_author && t == Tag::a) facts_.rel_authors.push_back(node_text(e));
  if (itemprop.empty()) return;
  const std::string props = " " + itemprop + " ";
  if (props.find(" author ") != std::string::npos || props.find(" creator ") != std::string::npos) {
    std::string who = content.empty() ? node_text(e) : collapse_whitespace(content);
    // An itemscope author holds its name in a nested itemprop=name.
    for (xmlNode* c = e->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      xmlChar* ip = xmlGetProp(c, reinterpret_cast<const xmlChar*>("itemprop"));
      if (ip != nullptr) {
        if (ascii_lower(reinterpret_cast<const char*>(ip)) == "name") who = node_text(c);
        xmlFree(ip);
      }
    }
    if (!who.empty()) facts_.itemprop_authors.push_back(who);
  }
  if (props.find(" datepublished ") != std::string::npos) {
    std::string when = !datetime.empty() ? datetime : !content.empty() ? content : node_text(e);
    if (!when.empty()) facts_.itemprop_dates.push_back(collapse_whitespace(when));
  }
}

Node DomTree::element_node(xmlNode* e, Tag t, int parent, bool& hidden) {
  Node n;
  n.tag = t;
  n.parent = parent;
  std::string cls, id, role;
  for (const xmlAttr* a = e->properties; a != nullptr; a = a->next) {
    const std::string_view an = reinterpret_cast<const char*>(a->name);
    if (an == "class") {
      cls = ascii_lower(attr_value(a));
    } else if (an == "id") {
      id = ascii_lower(attr_value(a));
    } else if (an == "role") {
      role = ascii_lower(attr_value(a));
    } else if (an == "hidden") {
      hidden = true;
    } else if (an == "aria-hidden") {
      if (ascii_lower(attr_value(a)) == "true") hidden = true;
    } else if (an == "style") {
      std::string style;
      for (char c : ascii_lower(attr_value(a)))
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') style += c;
      if (style.find("display:none") != std::string::npos ||
          style.find("visibility:hidden") != std::string::npos)
        hidden = true;
    } else if (an == "href" && t == Tag::a) {
      const std::string href = attr_value(a);
      n.hash_link = !href.empty() && href[0] == '#';
    } else if (an == "datetime" && t == Tag::time) {
      n.text = collapse_whitespace(attr_value(a));
    } else if (an == "rel") {
      if ((" " + ascii_lower(attr_value(a)) + " ").find(" author ") != std::string::npos)
        n.hints |= kByline;
    } else if (an == "itemprop") {
      const std::string prop = ascii_lower(attr_value(a));
      if (prop.find("author") != std::string::npos) n.hints |= kByline;
      if (prop.find("datepublished") != std::string::npos || prop.find("datemodified") != std::string::npos)
        n.hints |= kDateish;
    }
  }
  n.hints |= hints_of(cls) | hints_of(id);
  n.weight = weight_of(cls) + weight_of(id);
  if (role == "navigation" || role == "menu" || role == "menubar" || role == "complementary" ||
      role == "alert" || role == "alertdialog" || role == "dialog" || role == "banner" ||
      role == "contentinfo" || role == "search")
    n.hints |= kRoleJunk;
  if (t == Tag::table && role == "presentation") n.hints |= kRoleJunk;
  n.cls = cls + " " + id;
  return n;
}

void DomTree::copy(xmlDoc* doc) {
  std::vector<int> parents;
  int parent = 0;
  xmlNode* n = doc->children;
  auto is_top = [](const xmlNode* p) {
    return p == nullptr || p->type == XML_DOCUMENT_NODE || p->type == XML_HTML_DOCUMENT_NODE;
  };
  while (n != nullptr) {
    int me = -1;
    if (n->type == XML_ELEMENT_NODE && n->name != nullptr) {
      const Tag t = tag_of(reinterpret_cast<const char*>(n->name));
      gather_facts(n, t);
      if (!is_dropped_tag(t)) {
        bool hidden = false;
        Node copy = element_node(n, t, parent, hidden);
        if (!hidden) me = add(std::move(copy));
      }
    } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
               n->content != nullptr) {
      Node copy;
      copy.tag = Tag::text;
      copy.parent = parent;
      copy.text = reinterpret_cast<const char*>(n->content);
      add(std::move(copy));
    }
    if (me >= 0 && n->children != nullptr) {
      parents.push_back(parent);
      parent = me;
      n = n->children;
      continue;
    }
    while (n != nullptr && n->next == nullptr) {
      n = n->parent;
      if (is_top(n)) {
        n = nullptr;
        break;
      }
      parent = parents.back();
      parents.pop_back();
    }
    if (n != nullptr) n = n->next;
  }
  copied_ = static_cast<int>(nodes_.size());
}

void DomTree::group_loose_inline() {
  const int n0 = static_cast<int>(nodes_.size());
  blockish_.assign(static_cast<std::size_t>(n0), 0);
  std::vector<char> has_text(static_cast<std::size_t>(n0), 0);
  for (int i = n0 - 1; i >= 0; --i) {
    Node& e = nodes_[static_cast<std::size_t>(i)];
    if (e.tag == Tag::text) {
      has_text[static_cast<std::size_t>(i)] = !is_blank(e.text);
      continue;
    }
    bool block_kid = false, text_kid = false, double_br = false, last_br = false;
    for (int k : e.kids) {
      const auto ks = static_cast<std::size_t>(k);
      const Node& kid = nodes_[ks];
      if (k < n0 && blockish_[ks]) block_kid = true;
      else if (k < n0 && has_text[ks]) text_kid = true;
      if (kid.tag == Tag::br) {
        if (last_br) double_br = true;
        last_br = true;
      } else if (!(kid.tag == Tag::text && !has_text[ks])) {
        last_br = false;
      }
    }
    bool any_text = false;
    for (int k : e.kids) any_text = any_text || has_text[static_cast<std::size_t>(k)];
    has_text[static_cast<std::size_t>(i)] = any_text;
    blockish_[static_cast<std::size_t>(i)] = is_block_tag(e.tag) || block_kid;
    if (e.tag == Tag::pre || e.tag == Tag::code || !((block_kid && text_kid) || double_br)) continue;

    std::vector<int> old = std::move(nodes_[static_cast<std::size_t>(i)].kids);
    std::vector<int> kids, run;
    bool run_text = false, prev_br = false;
    auto close_run = [&]() {
      if (run_text) {
        Node p;
        p.tag = Tag::p;
        p.synthetic = true;
        p.parent = i;
        p.kids = run;
        nodes_.push_back(std::move(p));
        const int pid = static_cast<int>(nodes_.size()) - 1;
        for (int k : run) nodes_[static_cast<std::size_t>(k)].parent = pid;
        kids.push_back(pid);
      } else {
        kids.insert(kids.end(), run.begin(), run.end());
      }
      run.clear();
      run_text = false;
    };
    for (int k : old) {
      const auto ks = static_cast<std::size_t>(k);
      if (blockish_[ks]) {
        close_run();
        kids.push_back(k);
        prev_br = false;
        continue;
      }
      if (nodes_[ks].tag == Tag::br) {
        if (prev_br) close_run();
        prev_br = true;
      } else if (has_text[ks]) {
        prev_br = false;
      }
      run.push_back(k);
      run_text = run_text || has_text[ks];
    }
    close_run();
    nodes_[static_cast<std::size_t>(i)].kids = std::move(kids);
    blockish_[static_cast<std::size_t>(i)] = 1;
  }
  blockish_.resize(nodes_.size(), 1);
}

void DomTree::order_and_measure() {
  const std::size_t n = nodes_.size();
  postorder_.clear();
  postorder_.reserve(n);
  std::vector<std::pair<int, std::size_t>> stack;
  stack.emplace_back(0, 0);
  while (!stack.empty()) {
    auto& [id, next] = stack.back();
    const Node& nd = nodes_[static_cast<std::size_t>(id)];
    if (next < nd.kids.size()) {
      const int kid = nd.kids[next++];
      stack.emplace_back(kid, 0);
    } else {
      postorder_.push_back(id);
      stack.pop_back();
    }
  }
  own_len_.assign(n, 0);
  own_commas_.assign(n, 0);
  link_w_.assign(n, 0);
  unit_.assign(n, 0);
  unit_text_.assign(n, 0);
  // Parents before children: the reverse of post-order.
  for (auto it = postorder_.rbegin(); it != postorder_.rend(); ++it) {
    const auto i = static_cast<std::size_t>(*it);
    const Node& nd = nodes_[i];
    double inherited = nd.parent >= 0 ? link_w_[static_cast<std::size_t>(nd.parent)] : 0;
    if (nd.tag == Tag::a) inherited = std::max(inherited, nd.hash_link ? 0.3 : 1.0);
    link_w_[i] = inherited;
    if (nd.tag == Tag::text) {
      own_len_[i] = visible_length(nd.text);
      own_commas_[i] = comma_count(nd.text);
    }
  }
  std::vector<int> len(n, 0);
  size_.assign(n, 1);
  std::vector<char> para_below(n, 0);
  std::vector<int> th_like(n, 0), rows(n, 0), cells(n, 0), nested(n, 0);
  for (int id : postorder_) {
    const auto i = static_cast<std::size_t>(id);
    Node& nd = nodes_[i];
    len[i] += own_len_[i];
    bool below = false;
    for (int k : nd.kids) {
      const auto ks = static_cast<std::size_t>(k);
      len[i] += len[ks];
      size_[i] += size_[ks];
      unit_text_[i] += unit_text_[ks];
      below = below || para_below[ks];
      th_like[i] += th_like[ks];
      rows[i] += rows[ks];
      cells[i] += cells[ks];
      nested[i] += nested[ks] + (nodes_[ks].tag == Tag::table ? 1 : 0);
    }
    if (nd.tag == Tag::th || nd.tag == Tag::thead || nd.tag == Tag::tfoot ||
        nd.tag == Tag::caption || nd.tag == Tag::col || nd.tag == Tag::colgroup)
      th_like[i] += 1;
    if (nd.tag == Tag::tr) rows[i] += 1;
    if (nd.tag == Tag::td) cells[i] += 1;
    if (nd.tag == Tag::table && (nd.hints & kRoleJunk) == 0 && nested[i] == 0 &&
        (th_like[i] > 0 || rows[i] >= 10 || cells[i] > 10))
      nd.hints |= kDataTable;
    bool para = nd.tag == Tag::p || nd.tag == Tag::pre || nd.tag == Tag::h2 ||
                nd.tag == Tag::h3 || nd.tag == Tag::h4 || nd.tag == Tag::h5 ||
                nd.tag == Tag::h6;
    if (!para && (nd.tag == Tag::div || nd.tag == Tag::section || nd.tag == Tag::article ||
                  nd.tag == Tag::main || nd.tag == Tag::center || nd.tag == Tag::blockquote ||
                  nd.tag == Tag::td || nd.tag == Tag::custom || nd.tag == Tag::dd)) {
      bool block_kid = false;
      for (int k : nd.kids) block_kid = block_kid || blockish_[static_cast<std::size_t>(k)];
      para = !block_kid && len[i] > 0;
    }
    if (para && !below) {
      unit_[i] = 1;
      unit_text_[i] = len[i];
    }
    para_below[i] = below || para;
  }
}

void ParagraphWriter::write(int root) {
  std::vector<std::pair<int, std::size_t>> stack;
  stack.emplace_back(root, 0);
  enter(root);
  while (!stack.empty()) {
    auto& [id, next] = stack.back();
    const Node& nd = dom_.node(id);
    if (next < nd.kids.size()) {
      const int kid = nd.kids[next++];
      if (removed_ != nullptr && (*removed_)[static_cast<std::size_t>(kid)]) continue;
      enter(kid);
      stack.emplace_back(kid, 0);
    } else {
      leave(id);
      stack.pop_back();
    }
  }
}

std::vector<std::string> ParagraphWriter::take() {
  end_paragraph();
  return std::move(paragraphs_);
}

void ParagraphWriter::enter(int id) {
  const Node& nd = dom_.node(id);
  if (nd.tag == Tag::text) {
    if (is_blank(nd.text)) {
      space_ = true;
      return;
    }
    append_collapsed(cur_, nd.text, space_);
    brs_ = 0;
  } else if (nd.tag == Tag::br) {
    if (++brs_ >= 2) end_paragraph();
    else space_ = true;
  } else if (nd.tag == Tag::td || nd.tag == Tag::th) {
    space_ = true;
  } else if (is_block_tag(nd.tag) || nd.synthetic) {
    end_paragraph();
  }
}

void ParagraphWriter::leave(int id) {
  const Node& nd = dom_.node(id);
  if (nd.tag == Tag::td || nd.tag == Tag::th) space_ = true;
  else if (nd.tag != Tag::text && (is_block_tag(nd.tag) || nd.synthetic)) end_paragraph();
}

void ParagraphWriter::end_paragraph() {
  if (!cur_.empty()) paragraphs_.push_back(std::move(cur_));
  cur_.clear();
  space_ = false;
  brs_ = 0;
}

// The text of node `id` (nothing removed) with paragraphs joined by spaces.
std::string text_of(const DomTree& dom, int id) {
  ParagraphWriter w(dom, nullptr);
  w.write(id);
  std::string out;
  for (const std::string& p : w.take()) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

}  // namespace newsdex::html
