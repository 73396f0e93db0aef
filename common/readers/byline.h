// Bylines (private to common/readers): the one reading of "By Jane Doe,
// October 15, 2025" and its European forms ("Par Camille Dubois, 8
// septembre 2025", "Von Thomas Müller", "Por Ana García", "Di Marco
// Rossi", "Door Jan de Vries", "От Ивана Петрова", "Автор: Иван Петров"),
// shared by the text and HTML readers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/dates.h"

namespace newsdex::byline {

// Where the text comes from, which decides how much it must look like a
// byline.
enum class Context {
  // A line of plain text: "By " as written, or a European lead word as
  // written (capital first letter) followed by a capitalised word, so
  // that "Par ailleurs, ..." or "Door de regen ..." is not a byline.
  text_line,
  // A paragraph of an HTML page's body: any lead, as written, followed by
  // a capitalised word ("By the end of the year" is not a byline).
  paragraph,
  // An element the page marks as a byline (class="byline", rel=author):
  // the lead is optional and matched in any case ("by: jane doe").
  element,
};

// The word that opens a byline and what it says about the date after it.
struct Lead {
  std::size_t length;  // bytes of the lead with its colon and spaces
  DayOrder order;      // how a numeric date after it is read: the lead's
                       // language's order, unknown for "By"
};

// The byline lead at the start of `text` (trimmed by the caller), or
// nullopt.
std::optional<Lead> lead_of(std::string_view text, Context context);

// True when `text` is a short byline in `context` (not for
// Context::element, where every text is one): it has a lead, is shorter
// than `max_bytes`, and does not end a sentence once a date at its end is
// set aside ("От Ивана Петрова, 8 сентября 2025 г." is a byline).
bool is_byline(std::string_view text, Context context, std::size_t max_bytes);

struct Byline {
  std::string author;  // the name(s) as written, whitespace collapsed;
                       // may be empty
  std::optional<UnixTime> date;
};

// The author and date of a byline: the text after the lead up to the
// first date (find_date, numeric dates read in the lead's order), without
// trailing separators and date labels ("Published", "publié le",
// "veröffentlicht am", ...). Returns an empty author when `text` has no
// lead in a context that requires one.
Byline read(std::string_view text, Context context);

}  // namespace newsdex::byline
