#include <cctype>

#include "ner_document.h"
#include "ner_text.h"

namespace newsdex::ner {

void Document::add_token(std::uint32_t begin, std::uint32_t end, std::string_view normalised) {
  Token t;
  t.begin = begin;
  t.end = end;
  t.norm_off = static_cast<std::uint32_t>(norm.size());
  t.norm_len = static_cast<std::uint32_t>(normalised.size());
  norm.append(normalised);
  tokens.push_back(t);
}

void Document::end_sentence() {
  auto first = sentences.empty() ? 0u : sentences.back().last;
  auto last = static_cast<std::uint32_t>(tokens.size());
  if (last > first) sentences.push_back({first, last});
}

void Document::clear() {
  norm.clear();
  tokens.clear();
  sentences.clear();
}

namespace {

// Code points the tokenizer treats specially, as UTF-8.
constexpr std::string_view kLeftSingle = "\xE2\x80\x98";   // ‘
constexpr std::string_view kRightSingle = "\xE2\x80\x99";  // ’
constexpr std::string_view kLeftDouble = "\xE2\x80\x9C";   // “
constexpr std::string_view kRightDouble = "\xE2\x80\x9D";  // ”
constexpr std::string_view kEnDash = "\xE2\x80\x93";
constexpr std::string_view kEmDash = "\xE2\x80\x94";
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
// The most tokens a sentence of raw text gets (news sentences have a few
// dozen).
constexpr std::size_t kMaxSentenceTokens = 256;
constexpr std::string_view kLeftGuillemet = "\xC2\xAB";
constexpr std::string_view kRightGuillemet = "\xC2\xBB";
constexpr std::string_view kNbsp = "\xC2\xA0";

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// Byte length of the whitespace at s[i], 0 if none. REQUIRES: i < s.size().
inline std::size_t space_at(std::string_view s, std::size_t i) {
  auto u = static_cast<unsigned char>(s[i]);
  if (u > ' ' && u < 0x80) return 0;  // printable ASCII, the common case
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (u == static_cast<unsigned char>(kNbsp[0]) && i + 1 < s.size() && s[i + 1] == kNbsp[1]) return 2;
  if (u == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    auto c2 = static_cast<unsigned char>(s[i + 2]);
    if ((c2 >= 0x80 && c2 <= 0x8B) || c2 == 0xAF) return 3;  // U+2000..200B, U+202F
  }
  return 0;
}

// Byte length of a punctuation mark that splits off at the start of a chunk.
std::size_t leading_punct(std::string_view s) {
  if (s.empty()) return 0;
  switch (s[0]) {
    case '(': case '[': case '{': case '"': case '<': case '$': case '#':
      return 1;
    case '\'':
      // "'s" stays whole: it is the possessive left after "Syria 's".
      return (s.size() >= 2 && (s[1] == 's' || s[1] == 'S') &&
              (s.size() == 2 || !std::isalpha(static_cast<unsigned char>(s[2]))))
                 ? 0 : 1;
    default:
      break;
  }
  // The marks below all start with '-' or a byte of a multi-byte code point.
  if (static_cast<unsigned char>(s[0]) < 0x80 && s[0] != '-') return 0;
  for (auto p : {kLeftSingle, kLeftDouble, kRightDouble, kLeftGuillemet, kEmDash, kEnDash, kRightSingle})
    if (starts_with(s, p)) {
      if (p == kRightSingle && s.size() >= 4 && (s[3] == 's' || s[3] == 'S') &&
          (s.size() == 4 || !std::isalpha(static_cast<unsigned char>(s[4]))))
        return 0;
      return p.size();
    }
  if (starts_with(s, "--")) return 2;
  return 0;
}

// Byte length of a punctuation mark that splits off at the end of a chunk.
std::size_t trailing_punct(std::string_view s) {
  if (s.empty()) return 0;
  switch (s.back()) {
    case ')': case ']': case '}': case '"': case '\'': case ',': case ';': case ':':
    case '!': case '?': case '>': case '%':
      return 1;
    default:
      break;
  }
  // The marks below all end with a byte of a multi-byte code point.
  if (static_cast<unsigned char>(s.back()) < 0x80) return 0;
  for (auto p : {kRightSingle, kRightDouble, kLeftDouble, kRightGuillemet, kEllipsis, kEmDash, kEnDash})
    if (ends_with(s, p)) return p.size();
  return 0;
}

// Abbreviations whose final period belongs to the word.
bool is_abbreviation(std::string_view w) {
  static constexpr std::string_view kAbbrevs[] = {
      "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Jr.", "Sr.", "Inc.", "Corp.", "Co.", "Ltd.", "Gen.",
      "Col.", "Lt.", "Sgt.", "Gov.", "Sen.", "Rep.", "Prof.", "No.", "vs.", "Jan.", "Feb.",
      "Mar.", "Apr.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Mt.", "Ft.", "Bros.",
      "Capt.", "Cmdr.", "Adm.", "Rev.", "Maj.", "Messrs.", "Plc.", "Pty.", "Cie.", "Dept.",
      "approx.", "etc.", "e.g.", "i.e.", "p.m.", "a.m.", "U.S.", "U.K.", "U.N.", "Ave.",
      // Given names as firms' names abbreviate them ("Alex. Brown and Sons",
      // "Wm. Wrigley Jr. Co").
      "Alex.", "Wm.", "Chas.", "Geo.", "Jas.", "Thos.", "Robt.", "Jos.", "Benj.", "Edw.", "Saml.",
  };
  for (auto a : kAbbrevs)
    if (w == a) return true;
  if (w.size() == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z') return true;  // "J."
  // Dotted acronyms: "U.S.A.", "N.Y."
  if (w.size() >= 4 && w.back() == '.') {
    auto inner = w.substr(0, w.size() - 1);
    return inner.find('.') != std::string_view::npos &&
           inner.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.") ==
               std::string_view::npos;
  }
  return false;
}

// True when normalise(s) may differ from s: only code points of two or
// more bytes are rewritten.
bool needs_normalising(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0xC2) return true;
  return false;
}

// Appends the normalised form of raw token text to *out.
void normalise(std::string_view s, std::string* out) {
  for (std::size_t i = 0; i < s.size();) {
    auto rest = s.substr(i);
    if (static_cast<unsigned char>(s[i]) >= 0xC2) {
      if (starts_with(rest, kLeftSingle) || starts_with(rest, kRightSingle)) {
        out->push_back('\'');
        i += 3;
        continue;
      }
      if (starts_with(rest, kLeftDouble) || starts_with(rest, kRightDouble)) {
        out->push_back('"');
        i += 3;
        continue;
      }
      if (starts_with(rest, kLeftGuillemet) || starts_with(rest, kRightGuillemet)) {
        out->push_back('"');
        i += 2;
        continue;
      }
      if (starts_with(rest, kEnDash) || starts_with(rest, kEmDash)) {
        out->push_back('-');
        i += 3;
        continue;
      }
      if (starts_with(rest, kEllipsis)) {
        out->append("...");
        i += 3;
        continue;
      }
    }
    out->push_back(s[i]);
    ++i;
  }
}

class Splitter {
 public:
  Splitter(std::string_view text, std::uint32_t base, Document* doc)
      : text_(text), base_(base), doc_(doc) {}

  void run() {
    std::size_t i = 0;
    while (i < text_.size()) {
      if (auto n = space_at(text_, i)) {
        i += n;
        continue;
      }
      std::size_t j = i;
      while (j < text_.size() && space_at(text_, j) == 0) ++j;
      chunk(i, j);
      i = j;
    }
    doc_->end_sentence();
  }

 private:
  void emit(std::size_t b, std::size_t e) {
    if (e <= b) return;
    // A sentence ends before this token when the previous token ended one
    // and this token can start one.
    if (pending_break_) {
      auto raw = text_.substr(b, e - b);
      bool closing = raw == ")" || raw == "'" || raw == "\"" || raw == "]" ||
                     raw == kRightDouble || raw == kRightSingle;
      if (!closing) {
        pending_break_ = false;
        auto c = static_cast<unsigned char>(raw[0]);
        bool can_start = starts_upper(raw) || (c >= '0' && c <= '9') || c == '"' || c == '(' ||
                         c == '\'' || c >= 0x80;
        if (can_start) doc_->end_sentence();
      }
    }
    // A run of text without a sentence's end (a table, a list, a hostile
    // page of capitalised words) is cut every kMaxSentenceTokens tokens:
    // the tagger's memory grows with a sentence's length (features, scores
    // and Viterbi's lattice of the whole sentence at once).
    const std::uint32_t open_first = doc_->sentences.empty() ? 0u : doc_->sentences.back().last;
    if (doc_->tokens.size() - open_first >= kMaxSentenceTokens) doc_->end_sentence();
    std::string_view norm = text_.substr(b, e - b);
    if (needs_normalising(norm)) {
      scratch_.clear();
      normalise(norm, &scratch_);
      norm = scratch_;
    }
    doc_->add_token(static_cast<std::uint32_t>(base_ + b), static_cast<std::uint32_t>(base_ + e), norm);
    if (norm == "." || norm == "!" || norm == "?" || norm == "...") pending_break_ = true;
  }

  // Splits the whitespace-free text_[b, e) into tokens.
  void chunk(std::size_t b, std::size_t e) {
    while (b < e) {
      auto n = leading_punct(text_.substr(b, e - b));
      if (n == 0) break;
      emit(b, b + n);
      b += n;
    }
    // Trailing marks, collected innermost last.
    std::size_t tail[16];
    std::size_t ntail = 0;
    std::size_t end = e;
    while (end > b && ntail < 16) {
      auto w = text_.substr(b, end - b);
      std::size_t n = trailing_punct(w);
      if (n == 0 && w.back() == '.') {
        if (w.size() > 3 && ends_with(w, "...")) {
          n = 3;
        } else if (!is_abbreviation(w)) {
          n = 1;
        }
      }
      if (n == 0 || n >= w.size()) break;
      end -= n;
      tail[ntail++] = end;
    }
    if (end > b) middle(b, end);
    while (ntail > 0) {
      auto start = tail[--ntail];
      emit(start, ntail > 0 ? tail[ntail - 1] : e);
    }
  }

  // Splits off possessives and internal dashes from a word without leading
  // or trailing punctuation.
  void middle(std::size_t b, std::size_t e) {
    // Internal dash runs ("Moscow--Damascus", "Moscow—Damascus").
    auto w = text_.substr(b, e - b);
    for (std::size_t k = 1; k + 1 < w.size(); ++k) {
      if (w[k] != '-' && w[k] != kEmDash[0]) continue;
      std::size_t dl = 0;
      if (w.compare(k, 2, "--") == 0) dl = 2;
      else if (w.compare(k, kEmDash.size(), kEmDash) == 0) dl = kEmDash.size();
      if (dl && k + dl < w.size()) {
        middle(b, b + k);
        emit(b + k, b + k + dl);
        middle(b + k + dl, e);
        return;
      }
    }
    // Possessive: "Syria's", "Syria’s", "Syria’S".
    if (w.size() > 2 && (w.back() == 's' || w.back() == 'S')) {
      auto stem = w.substr(0, w.size() - 1);
      if (ends_with(stem, "'") && stem.size() > 1) {
        emit(b, e - 2);
        emit(e - 2, e);
        return;
      }
      if (ends_with(stem, kRightSingle) && stem.size() > kRightSingle.size()) {
        emit(b, e - 4);
        emit(e - 4, e);
        return;
      }
    }
    emit(b, e);
  }

  std::string_view text_;
  std::uint32_t base_;
  Document* doc_;
  std::string scratch_;
  bool pending_break_ = false;
};

}  // namespace

void tokenize(std::string_view text, std::uint32_t base, Document* doc) {
  Splitter(text, base, doc).run();
}

}  // namespace newsdex::ner
