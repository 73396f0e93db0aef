#include "readers/html_content.h"

#include <array>

#include "readers/byline.h"

namespace newsdex::html {

namespace {

// True when `text` is a label that stands in for an advert or a widget.
bool is_junk_label(std::string_view text) {
  static const std::array<std::string_view, 22> kLabels = {
      "advertisement", "advertisement - scroll to continue", "story continues below advertisement",
      "article continues below advertisement", "continue reading below", "skip advertisement",
      "ad", "ads", "sponsored", "sponsored content", "read more", "read more:", "related",
      "related:", "related articles", "related stories", "share", "share this article",
      "share this story", "loading...", "loading", "continue reading"};
  const std::string lower = ascii_lower(text);
  return std::find(kLabels.begin(), kLabels.end(), lower) != kLabels.end();
}

// True for a short byline paragraph: "By Jane Doe", "Par Camille Dubois,
// 8 septembre 2025" (not "By the end of the year...": byline.h).
bool looks_like_byline(std::string_view t) {
  return t.size() >= 4 && byline::is_byline(t, byline::Context::paragraph, 101);
}

class BodyExtractor {
 public:
  // REQUIRES: dom outlives the extractor. `title` is the article's title,
  // used to drop headings that repeat it; `is_date` says whether a short
  // text is a date line (it may always say no).
  template <typename IsDate>
  BodyExtractor(const DomTree& dom, std::string title, IsDate is_date)
      : dom_(dom), title_(std::move(title)), is_date_(std::move(is_date)) {}

  // The article text, trying Readability's attempts in turn: stop at the
  // first with at least 500 characters, else keep the first unless a later
  // one finds more than twice as much (and 100 characters more).
  Extraction run() {
    const std::size_t n = static_cast<std::size_t>(dom_.size());
    len_.assign(n, 0);
    link_.assign(n, 0);
    commas_.assign(n, 0);
    Extraction best;
    std::size_t best_len = 0;
    for (int attempt = 0; attempt < 4; ++attempt) {
      flags_ = Flags{attempt < 1, attempt < 2, attempt < 3};
      Extraction e = attempt_once();
      std::size_t total = 0;
      for (const std::string& p : e.paragraphs) total += p.size();
      if (total >= 500) return e;
      // A later attempt, with fewer safeguards, must find clearly more.
      if (attempt == 0 || total > 2 * best_len + 100) {
        best_len = total;
        best = std::move(e);
      }
    }
    return best;
  }

 private:
  struct Flags {
    bool strip_unlikely;
    bool weight_classes;
    bool clean_conditionally;
  };

  std::size_t at(int i) const { return static_cast<std::size_t>(i); }
  const Node& nd(int i) const { return dom_.node(i); }
  int weight(int i) const { return flags_.weight_classes ? nd(i).weight : 0; }

  // Removes what is never article text, and with strip_unlikely the page
  // chrome named by class, id or role. A node holding at least half of the
  // page's paragraph text is kept whatever its name says, unless it names
  // comments.
  void first_pass(Extraction& e) {
    const int total_units = dom_.unit_text(0);
    for (int i = 1; i < dom_.copied_count(); ++i) {
      const Node& x = nd(i);
      int parent = x.parent;
      if (nd(parent).synthetic) parent = nd(parent).parent;
      if (removed_[at(parent)]) {
        removed_[at(i)] = 1;
        continue;
      }
      if (x.tag == Tag::text) continue;
      if (x.tag == Tag::head) {
        removed_[at(i)] = 1;
        continue;
      }
      const bool small = dom_.subtree_size(i) <= kMaxLineNodes;
      if ((x.hints & kByline) != 0 && small && x.tag != Tag::body && x.tag != Tag::html &&
          dom_.unit_text(i) * 2 < std::max(total_units, 1)) {
        const std::string t = text_of(dom_, i);
        if (!t.empty() && t.size() < 120) {
          if (e.byline.empty()) e.byline = t;
          removed_[at(i)] = 1;
          continue;
        }
      }
      // A byline paragraph without a class ("<p>Par Camille Dubois, 8
      // septembre 2025</p>"): the first is the byline (the body's clean-up
      // leaves it out of the text).
      if (e.byline.empty() && x.tag == Tag::p && small && dom_.unit_text(i) <= 100 &&
          dom_.unit_text(i) * 2 < std::max(total_units, 1)) {
        std::string t = text_of(dom_, i);
        if (looks_like_byline(t)) e.byline = std::move(t);
      }
      if ((x.tag == Tag::h1 || x.tag == Tag::h2) && small && !title_.empty() &&
          text_similarity(title_, text_of(dom_, i)) > 0.75) {
        removed_[at(i)] = 1;
        continue;
      }
      if (!flags_.strip_unlikely || x.tag == Tag::body || x.tag == Tag::html || x.tag == Tag::a)
        continue;
      const bool semantic = x.tag == Tag::aside || x.tag == Tag::footer;
      const bool unlikely = semantic || (x.hints & (kJunk | kRoleJunk)) != 0 ||
                            ((x.hints & kUnlikely) != 0 && (x.hints & kMaybe) == 0);
      if (!unlikely) continue;
      const bool holds_article = dom_.unit_text(i) * 2 >= total_units && total_units > 0;
      if (holds_article && (x.hints & kComment) == 0) continue;
      removed_[at(i)] = 1;
    }
    // Synthetic paragraphs follow their (already decided) parents.
    for (int i = dom_.copied_count(); i < dom_.size(); ++i)
      if (removed_[at(nd(i).parent)]) removed_[at(i)] = 1;
  }

  void measure() {
    for (int id : dom_.postorder()) {
      const auto i = at(id);
      len_[i] = 0;
      link_[i] = 0;
      commas_[i] = 0;
      if (removed_[i]) continue;
      const Node& x = nd(id);
      if (x.tag == Tag::text) {
        len_[i] = dom_.own_length(id);
        link_[i] = len_[i] * dom_.link_weight(id);
        commas_[i] = dom_.own_commas(id);
        continue;
      }
      for (int k : x.kids) {
        len_[i] += len_[at(k)];
        link_[i] += link_[at(k)];
        commas_[i] += commas_[at(k)];
      }
    }
  }

  double link_density(int i) const {
    return len_[at(i)] > 0 ? link_[at(i)] / len_[at(i)] : 0.0;
  }

  // Readability's starting score for a candidate, by tag. Kept apart from
  // the class weight so that climbing can ignore it.
  static double tag_score(Tag t) {
    double s = 0;
    switch (t) {
      case Tag::div: case Tag::custom: s = 5; break;
      case Tag::pre: case Tag::td: case Tag::blockquote: s = 3; break;
      case Tag::address: case Tag::ol: case Tag::ul: case Tag::dl: case Tag::dd:
      case Tag::dt: case Tag::li: case Tag::form: s = -3; break;
      case Tag::h1: case Tag::h2: case Tag::h3: case Tag::h4: case Tag::h5:
      case Tag::h6: case Tag::th: s = -5; break;
      default: break;
    }
    return s;
  }

  double base_score(int i) const { return tag_score(nd(i).tag) + weight(i); }

  // A candidate's score without its tag's starting score: an enclosing
  // <div> must not win over the element holding the text only by being a
  // <div>.
  double climb_score(int i) const {
    return score_[at(i)] - tag_score(nd(i).tag) * (1.0 - link_density(i));
  }

  Extraction attempt_once() {
    Extraction e;
    removed_.assign(static_cast<std::size_t>(dom_.size()), 0);
    first_pass(e);
    measure();

    const std::size_t n = static_cast<std::size_t>(dom_.size());
    score_.assign(n, 0);
    is_candidate_.assign(n, 0);
    std::vector<int> candidates;
    for (int id : dom_.postorder()) {
      if (removed_[at(id)] || !dom_.is_unit(id) || len_[at(id)] < 25) continue;
      const double s = 1.0 + commas_[at(id)] + std::min(len_[at(id)] / 100, 3);
      int anc = nd(id).parent;
      for (int level = 0; level < 5 && anc > 0; ++level, anc = nd(anc).parent) {
        if (nd(anc).tag == Tag::html) break;
        if (!is_candidate_[at(anc)]) {
          is_candidate_[at(anc)] = 1;
          score_[at(anc)] = base_score(anc);
          candidates.push_back(anc);
        }
        const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        score_[at(anc)] += s / divider;
      }
    }
    for (int c : candidates) score_[at(c)] *= 1.0 - link_density(c);

    std::vector<int> top;  // best five, best first
    for (int c : candidates) {
      auto pos = std::find_if(top.begin(), top.end(), [&](int t) { return score_[at(c)] > score_[at(t)]; });
      top.insert(pos, c);
      if (top.size() > 5) top.pop_back();
    }

    int body = -1;
    for (int i = 1; i < dom_.copied_count() && body < 0; ++i)
      if (nd(i).tag == Tag::body) body = i;
    if (body < 0) body = 0;

    int best = top.empty() ? body : top.front();
    if (!top.empty() && nd(best).tag != Tag::body) {
      best = promote_shared_ancestor(best, top);
      best = climb(best);
    }
    e.top = best;

    std::vector<int> content = with_split_parts(best, with_siblings(best));
    if (!top.empty()) content = with_class_twins(top.front(), std::move(content));
    clean(content);
    ParagraphWriter w(dom_, &removed_);
    for (int c : content) w.write(c);
    for (std::string& p : w.take()) {
      // A headline and byline run together by a single <br>.
      if (e.paragraphs.size() < 3 && !title_.empty() && p.size() > title_.size() &&
          p.compare(0, title_.size(), title_) == 0 && p[title_.size()] == ' ')
        p.erase(0, title_.size() + 1);
      if (e.paragraphs.size() < 3 && looks_like_byline(p)) {
        if (e.byline.empty()) e.byline = p;
        continue;
      }
      if (is_junk_label(p)) continue;
      if (!title_.empty() && ascii_lower(p) == ascii_lower(title_)) continue;
      if (!e.paragraphs.empty() && e.paragraphs.back() == p) continue;
      e.paragraphs.push_back(std::move(p));
    }
    return e;
  }

  bool is_ancestor(int anc, int node) const {
    for (int p = node; p >= 0; p = nd(p).parent)
      if (p == anc) return true;
    return false;
  }

  // When three of the other top candidates score near the best one, lie
  // outside it (neither inside nor around it) and share an ancestor with
  // it, the article is split across them and that ancestor holds it all.
  int promote_shared_ancestor(int best, const std::vector<int>& top) const {
    std::vector<int> close;
    for (std::size_t k = 1; k < top.size(); ++k) {
      const int c = top[k];
      if (score_[at(c)] >= 0.75 * score_[at(best)] && !is_ancestor(c, best) && !is_ancestor(best, c))
        close.push_back(c);
    }
    if (close.size() < 3) return best;
    for (int p = nd(best).parent; p > 0 && nd(p).tag != Tag::body; p = nd(p).parent) {
      int holding = 0;
      for (int c : close) holding += is_ancestor(p, c) ? 1 : 0;
      if (holding >= 3) return p;
    }
    return best;
  }

  // An ancestor replaces the best candidate when it scores higher than the
  // candidate itself (Readability compares with the previous ancestor,
  // which lets a page wrapper win after a dip). Then a candidate that is an
  // only child is replaced by its parent.
  int climb(int best) const {
    const double last = climb_score(best);
    const double floor = last / 3;
    for (int p = nd(best).parent; p > 0 && nd(p).tag != Tag::body; p = nd(p).parent) {
      if (!is_candidate_[at(p)]) continue;
      const double score = climb_score(p);
      if (score < floor) break;
      if (score > last) {
        best = p;
        break;
      }
    }
    for (int p = nd(best).parent; p > 0 && nd(p).tag != Tag::body; p = nd(p).parent) {
      int live = 0;
      for (int k : nd(p).kids)
        if (!removed_[at(k)] && nd(k).tag != Tag::text) ++live;
      if (live != 1) break;
      best = p;
    }
    return best;
  }

  // The best candidate and those of its siblings that score well, share its
  // class, or are paragraphs of plain prose.
  std::vector<int> with_siblings(int best) const {
    const int parent = nd(best).parent;
    if (parent < 0 || nd(best).tag == Tag::body) return {best};
    const double threshold = std::max(10.0, score_[at(best)] * 0.2);
    std::vector<int> out;
    for (int s : nd(parent).kids) {
      if (removed_[at(s)]) continue;
      if (s == best) {
        out.push_back(s);
        continue;
      }
      const Node& x = nd(s);
      if (x.tag == Tag::text) continue;
      double bonus = 0;
      const std::string& own = nd(best).cls;
      if (own != " " && x.cls == own) bonus += score_[at(best)] * 0.2;
      if (is_candidate_[at(s)] && score_[at(s)] + bonus >= threshold) {
        out.push_back(s);
      } else if (x.tag == Tag::p || dom_.is_unit(s)) {
        const int length = len_[at(s)];
        const double ld = link_density(s);
        if (length > 80 && ld < 0.25) {
          out.push_back(s);
        } else if (length > 0 && length < 80 && ld == 0) {
          const std::string t = dom_.subtree_size(s) <= kMaxLineNodes ? text_of(dom_, s) : std::string();
          if (t.find(". ") != std::string::npos || (!t.empty() && t.back() == '.')) out.push_back(s);
        }
      } else if (is_prose_block(s)) {
        // A wrapper around a paragraph or two of the same story
        // (<div class="firstPar"><p>...</p></div> before the main body).
        out.push_back(s);
      }
    }
    return out;
  }

  // True for a small block of plain prose: a paragraph, or a wrapper
  // holding only paragraphs, with real text, few links, no heading, list,
  // picture or form, and no name that marks it as page furniture.
  bool is_prose_block(int s) const {
    const Node& x = nd(s);
    if (x.tag == Tag::text || removed_[at(s)] || len_[at(s)] <= 80 || link_density(s) >= 0.25) return false;
    if (dom_.unit_text(s) == 0 || dom_.subtree_size(s) > kMaxLineNodes || weight(s) < 0) return false;
    std::vector<int> stack{s};
    while (!stack.empty()) {
      const int id = stack.back();
      stack.pop_back();
      const Node& k = nd(id);
      if (is_heading(k.tag) || k.tag == Tag::li || k.tag == Tag::img || k.tag == Tag::picture ||
          k.tag == Tag::figure || k.tag == Tag::aside || k.tag == Tag::footer || k.tag == Tag::form ||
          k.tag == Tag::table || (k.hints & (kCaption | kByline | kShare | kJunk | kRoleJunk)) != 0 ||
          ((k.hints & kUnlikely) != 0 && (k.hints & kMaybe) == 0))
        return false;
      for (int c : k.kids)
        if (!removed_[at(c)]) stack.push_back(c);
    }
    const std::string t = text_of(dom_, s);
    return t.find(". ") != std::string::npos || t.back() == '.' || t.back() == '"' ||
           t.find("\xE2\x80\x9D") != std::string::npos;
  }

  // The content with the other parts of a story that the page cut into
  // sections rendered alike: elements anywhere in the page with the tag
  // and class of `best`, the best-scoring candidate (a class of two words
  // or more, so not a bare "text" or "content"), outside the content,
  // holding prose of their own
  // (<div class="post__content wysiwyg"> for the lead, then pictures and
  // page furniture, then more of them for the rest). In document order.
  std::vector<int> with_class_twins(int best, std::vector<int> content) const {
    const Node& b = nd(best);
    if (b.tag == Tag::body) return content;
    std::size_t words = 0;
    for (std::size_t i = 0; i < b.cls.size(); ++i)
      if (b.cls[i] != ' ' && (i == 0 || b.cls[i - 1] == ' ')) ++words;
    if (words < 2) return content;
    auto inside_content = [&](int n) {
      for (int c : content)
        if (is_ancestor(c, n) || is_ancestor(n, c)) return true;
      return false;
    };
    std::vector<int> twins;
    for (int n = 1; n < dom_.copied_count(); ++n) {
      const Node& x = nd(n);
      if (n == best || x.tag != b.tag || x.cls != b.cls || removed_[at(n)]) continue;
      if (len_[at(n)] <= 80 || link_density(n) >= 0.25 || weight(n) < 0 || dom_.unit_text(n) == 0) continue;
      if ((x.hints & (kCaption | kByline | kShare | kJunk | kRoleJunk)) != 0 || inside_content(n)) continue;
      twins.push_back(n);
    }
    if (twins.empty()) return content;
    content.insert(content.end(), twins.begin(), twins.end());
    std::sort(content.begin(), content.end());
    return content;
  }

  // An article split across containers: the lead paragraph sits before a
  // "read more" wrapper, or the rest of the text follows an ad slot that
  // closed the first container. Prose blocks beside the container of the
  // chosen content (up to two levels up) join it, in document order; the
  // climb stops at the first level that adds nothing.
  std::vector<int> with_split_parts(int best, std::vector<int> content) const {
    if (nd(best).tag == Tag::body || content.empty()) return content;
    int container = nd(best).parent;
    for (int level = 0; level < 2; ++level) {
      const int up = container > 0 ? nd(container).parent : -1;
      if (up <= 0 || nd(up).tag == Tag::body || nd(up).tag == Tag::html) break;
      std::vector<int> out;
      bool added = false;
      for (int s : nd(up).kids) {
        if (s == container) {
          out.insert(out.end(), content.begin(), content.end());
        } else if (is_prose_block(s)) {
          out.push_back(s);
          added = true;
        }
      }
      if (!added) break;
      content = std::move(out);
      container = up;
    }
    return content;
  }

  struct Counts {
    int len = 0;
    double link = 0;
    int commas = 0;
    int p = 0;
    int img = 0;
    int li_len = 0;       // text inside list items
    int heading_len = 0;  // text inside headings
    int time_len = 0;     // text inside <time> and date-named elements
    int raw_len = 0;      // text before cleaning removed anything inside
    double raw_link = 0;  // link text before cleaning removed anything inside
  };

  // Drops boilerplate inside the chosen content: figures and captions,
  // share bars, bylines and date lines, headings that repeat the title or
  // are links, link-only paragraphs, and (clean_conditionally) the
  // Readability tests on forms, tables, lists and divisions.
  void clean(const std::vector<int>& roots) {
    const std::size_t n = static_cast<std::size_t>(dom_.size());
    first_pass_removed_ = removed_;
    std::vector<Counts> c(n);
    std::vector<char> keep(n, 0);  // inside a data table, <pre> or <code>
    std::vector<char> in_figure(n, 0);
    for (int root : roots) {
      std::vector<std::pair<int, std::size_t>> stack;
      stack.emplace_back(root, 0);
      while (!stack.empty()) {
        auto [id, next] = stack.back();
        const Node& x = nd(id);
        if (next < x.kids.size()) {
          stack.back().second++;
          const int kid = x.kids[next];
          if (removed_[at(kid)]) continue;
          const Node& k = nd(kid);
          keep[at(kid)] = keep[at(id)] || k.tag == Tag::pre || k.tag == Tag::code ||
                          (k.tag == Tag::table && (k.hints & kDataTable) != 0);
          in_figure[at(kid)] = in_figure[at(id)] || k.tag == Tag::figure;
          stack.emplace_back(kid, 0);
          continue;
        }
        stack.pop_back();
        Counts& m = c[at(id)];
        m = Counts{};
        if (x.tag == Tag::text) {
          m.len = dom_.own_length(id);
          m.link = m.len * dom_.link_weight(id);
          m.commas = dom_.own_commas(id);
          m.raw_len = m.len;
          m.raw_link = m.link;
          continue;
        }
        for (int k : x.kids) {
          if (first_pass_removed_[at(k)]) continue;
          m.raw_len += c[at(k)].raw_len;
          m.raw_link += c[at(k)].raw_link;
          if (removed_[at(k)]) continue;
          const Counts& kc = c[at(k)];
          m.len += kc.len;
          m.link += kc.link;
          m.commas += kc.commas;
          m.p += kc.p;
          m.img += kc.img;
          m.li_len += kc.li_len;
          m.heading_len += kc.heading_len;
          m.time_len += kc.time_len;
        }
        if (x.tag == Tag::p || x.synthetic) m.p += 1;
        if (x.tag == Tag::img || x.tag == Tag::picture) m.img += 1;
        if (x.tag == Tag::li) m.li_len = m.len;
        if (is_heading(x.tag)) m.heading_len = m.len;
        if (x.tag == Tag::time || (x.hints & kDateish) != 0) m.time_len = m.len;
        if (id != root && should_remove(id, m, keep[at(id)] != 0, in_figure[at(id)] != 0))
          removed_[at(id)] = 1;
      }
    }
  }

  bool should_remove(int id, const Counts& m, bool keep, bool in_figure) const {
    const Node& x = nd(id);
    if (x.tag == Tag::text || x.tag == Tag::br) return false;
    const double ld = m.len > 0 ? m.link / m.len : 0.0;
    if (x.tag == Tag::figure || x.tag == Tag::figcaption || x.tag == Tag::aside ||
        x.tag == Tag::footer || x.tag == Tag::form || x.tag == Tag::fieldset)
      return true;
    if ((x.hints & kCaption) != 0 && m.len < 250) return true;
    if ((x.hints & kShare) != 0 && m.len < 500) return true;
    if ((x.hints & kByline) != 0 && m.len < 120) return true;
    if (m.len == 0) return x.tag != Tag::img && x.tag != Tag::picture && x.tag != Tag::hr;
    const bool blockish = dom_.is_blockish(id);
    if (blockish && m.len < 80 && ((x.hints & kDateish) != 0 || x.tag == Tag::time)) return true;
    if (blockish && m.len < 100 && m.time_len * 4 >= m.len) return true;
    const bool small = dom_.subtree_size(id) <= kMaxLineNodes;
    if (blockish && m.len < 100 && small) {
      const std::string t = text_of(dom_, id);
      if (is_junk_label(t) || is_date_(t) || looks_like_byline(t)) return true;
    }
    if (is_heading(x.tag)) {
      if (weight(id) < 0 || ld > 0.5) return true;
      if (small && !title_.empty() && text_similarity(title_, text_of(dom_, id)) > 0.75) return true;
      return false;
    }
    if (x.tag == Tag::p || dom_.is_unit(id)) return ld > 0.7 && m.len < 300;
    if (keep) return false;
    if ((x.tag == Tag::ul || x.tag == Tag::ol) && ld > 0.5) return true;
    if (!flags_.clean_conditionally || !blockish) return false;
    if (x.tag != Tag::ul && x.tag != Tag::table && x.tag != Tag::div && x.tag != Tag::section &&
        x.tag != Tag::custom && x.tag != Tag::header && x.tag != Tag::span)
      return false;
    const int w = weight(id);
    if (w < 0) return true;
    if (m.raw_len >= 2 * m.len && m.heading_len * 10 >= m.len * 9) return true;
    if (m.commas >= 10) return false;
    const bool is_list = x.tag == Tag::ul || (m.len > 0 && m.li_len * 10 > m.len * 9);
    // Link density counts the link lists cleaning already took out.
    const double raw_ld = m.raw_len > 0 ? m.raw_link / m.raw_len : ld;
    const double heading_density = m.len > 0 ? static_cast<double>(m.heading_len) / m.len : 0.0;
    if (!in_figure && m.img > 1 && m.p * 2 < m.img) return true;
    if (!is_list && heading_density < 0.9 && m.len < 25 && (m.img == 0 || m.img > 2) && !in_figure)
      return true;
    if (!is_list && w < 25 && raw_ld > 0.2) return true;
    if (w >= 25 && raw_ld > 0.5) return true;
    if (is_list && ld > 0.5) return true;
    return false;
  }

  const DomTree& dom_;
  std::string title_;
  std::function<bool(const std::string&)> is_date_;
  Flags flags_{true, true, true};
  std::vector<char> removed_;
  std::vector<int> len_;
  std::vector<double> link_;
  std::vector<int> commas_;
  std::vector<double> score_;
  std::vector<char> is_candidate_;
  std::vector<char> first_pass_removed_;
};

}  // namespace

Extraction extract_body(const DomTree& dom, const std::string& title,
                        const std::function<bool(const std::string&)>& is_date_line) {
  return BodyExtractor(dom, title, is_date_line).run();
}

}  // namespace newsdex::html
