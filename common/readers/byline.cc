#include "readers/byline.h"

#include <utf8proc.h>

#include "newsdex/text.h"

namespace newsdex::byline {

namespace {

struct LeadWord {
  std::string_view word;  // as written at the start of a line
  DayOrder order;
};

// The words that open a byline, one language each. "Por" is Spanish and
// Portuguese (both day first).
constexpr LeadWord kLeads[] = {
    {"By", DayOrder::unknown},    {"Par", DayOrder::day_first}, {"Von", DayOrder::day_first},
    {"Por", DayOrder::day_first}, {"Di", DayOrder::day_first},  {"Door", DayOrder::day_first},
    {"\xD0\x9E\xD1\x82", DayOrder::day_first},                              // От
    {"\xD0\x90\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80", DayOrder::day_first},      // Автор
};

// Words before a date that are not part of the author: English always
// (as the readers have always stripped them), the others only when a date
// follows them, since "Le" and "Am" are also surnames.
constexpr std::string_view kEnglishLabels[] = {" published", " updated", " posted", " on", " date"};
constexpr std::string_view kDateLabels[] = {
    " le", " publié", " mis à jour", " am", " veröffentlicht", " aktualisiert", " el", " publicado",
    " actualizado", " il", " pubblicato", " aggiornato", " op", " gepubliceerd", " em", " atualizado"};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// True when an upper-case letter (Unicode Lu or Lt) starts at s[i].
bool upper_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  utf8proc_int32_t cp = -1;
  if (utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                       static_cast<utf8proc_ssize_t>(s.size() - i), &cp) <= 0)
    return false;
  const auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

// The lead word `w` at the start of `text`: as written, or (any_case)
// with ASCII letters in any case. Returns the bytes after it, with ":" or
// " :" and the spaces that must follow, or 0.
std::size_t match_lead(std::string_view text, std::string_view w, bool any_case) {
  if (text.size() <= w.size()) return 0;
  const std::string_view head = text.substr(0, w.size());
  if (any_case ? ascii_lower(head) != ascii_lower(w) : head != w) return 0;
  std::size_t i = w.size();
  std::size_t spaces = 0;
  while (std::size_t n = i < text.size() ? space_at(text, i) : 0) i += n, ++spaces;
  if (i < text.size() && text[i] == ':') {
    ++i;
    spaces = 0;
    while (std::size_t n = i < text.size() ? space_at(text, i) : 0) i += n, ++spaces;
    return i;  // "By:Jane" is a lead too
  }
  return spaces > 0 ? i : 0;
}

// `author` without trailing separators and date labels.
std::string clean_author(std::string_view text, bool dated) {
  std::string author = collapse_whitespace(text);
  for (;;) {
    const char c = author.empty() ? '\0' : author.back();
    if (c == ',' || c == ';' || c == ':' || c == '|' || c == '-' || c == ' ') {
      author.pop_back();
      continue;
    }
    if (ends_with(author, "\xE2\x80\x93") || ends_with(author, "\xE2\x80\x94")) {
      author.resize(author.size() - 3);
      continue;
    }
    const std::string lower = ascii_lower(author);
    bool labelled = false;
    for (std::string_view label : kEnglishLabels) {
      if (ends_with(lower, label)) {
        author.resize(author.size() - label.size());
        labelled = true;
        break;
      }
    }
    if (dated && !labelled) {
      for (std::string_view label : kDateLabels) {
        if (ends_with(lower, label)) {
          author.resize(author.size() - label.size());
          labelled = true;
          break;
        }
      }
    }
    if (!labelled) break;
  }
  return author;
}

// True when s ends a sentence: . ! ? or an ellipsis, optionally followed
// by closing quotes or brackets.
bool ends_sentence(std::string_view s) {
  s = trim(s);
  for (;;) {
    if (s.empty()) return false;
    if (ends_with(s, "\xE2\x80\x99") || ends_with(s, "\xE2\x80\x9D") || ends_with(s, "\xC2\xBB")) {
      s.remove_suffix(ends_with(s, "\xC2\xBB") ? 2 : 3);
    } else if (s.back() == '"' || s.back() == '\'' || s.back() == ')' || s.back() == ']') {
      s.remove_suffix(1);
    } else {
      break;
    }
  }
  if (ends_with(s, "\xE2\x80\xA6")) return true;
  return s.back() == '.' || s.back() == '!' || s.back() == '?';
}

}  // namespace

std::optional<Lead> lead_of(std::string_view text, Context context) {
  for (const LeadWord& l : kLeads) {
    const std::size_t n = match_lead(text, l.word, context == Context::element);
    if (n == 0) continue;
    const bool english_line = context == Context::text_line && l.word == "By";
    // "Par ailleurs", "Door de regen", "By the end of the year": a lead
    // is followed by a name (in plain text "By " alone has always been
    // enough). In an element, where the lead is optional, a name particle
    // ("Di Maria", "Von Trier") is no lead: two words must follow it.
    if (context != Context::element && !english_line && !upper_at(text, n)) continue;
    if (context == Context::element && l.word != "By") {
      if (!upper_at(text, n)) continue;
      const std::string_view name = text.substr(n, text.find(',', n) - n);
      if (collapse_whitespace(name).find(' ') == std::string::npos) continue;
    }
    return Lead{n, l.order};
  }
  return std::nullopt;
}

bool is_byline(std::string_view text, Context context, std::size_t max_bytes) {
  if (text.size() >= max_bytes) return false;
  const std::optional<Lead> lead = lead_of(text, context);
  if (!lead) return false;
  std::string_view rest = text.substr(lead->length);
  if (auto found = find_date(rest, {lead->order}); found && trim(rest.substr(found->offset + found->length)).empty())
    rest = rest.substr(0, found->offset);
  return !ends_sentence(rest);
}

Byline read(std::string_view text, Context context) {
  Byline b;
  text = trim(text);
  const std::optional<Lead> lead = lead_of(text, context);
  if (!lead && context != Context::element) return b;
  std::string_view rest = lead ? text.substr(lead->length) : text;
  const std::optional<FoundDate> found = find_date(rest, {lead ? lead->order : DayOrder::unknown});
  if (found) {
    b.date = found->time;
    rest = rest.substr(0, found->offset);
  }
  b.author = clean_author(rest, found.has_value());
  return b;
}

}  // namespace newsdex::byline
