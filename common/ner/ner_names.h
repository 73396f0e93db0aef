// Clean entity names: the last step of extraction, on the names an article's
// entities are displayed by. A facet value must be a well-formed name of
// the right type, so:
// - table and earnings-report words are no names ("Shr", "Nine mths",
//   "Qtr", "Dlrs", "CURRENCY"): such entities go;
// - a title or role splits off the person it precedes ("U.S. Treasury
//   Secretary James Baker" is the person James Baker, and the head, when it
//   ends in an organisation word, the org "U.S. Treasury"; "Exchequer Nigel
//   Lawson" is Nigel Lawson);
// - a name is not cut at "and", "of" or "&" ("Goldman Sachs and" is Goldman
//   Sachs), and a part that is only a company designator, a title or a
//   table word goes ("Corp and Moody" is Moody);
// - a company designator makes an organisation and is dropped ("Hughes
//   Aircraft Co" is the org Hughes Aircraft), as does an organisation head
//   word ("Loan Association" is no person);
// - names of figures, single letters or punctuation go.
// Internal to newsdex_common.
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include "newsdex/article.h"

namespace newsdex::ner {

class Gazetteer;

// The entities with clean names: renamed, retyped, split or dropped as
// above, entities that become one merged (mentions summed), ordered by
// type, then in the order given (split-off entities after the one they
// came from). `lists`, when given, are the rule lists: an organisation
// they know ("World Bank", "State Department") is kept although its words
// are all generic ones.
std::vector<Entity> clean_entities(const std::vector<Entity>& entities, const Gazetteer* lists = nullptr);

// True when `word`, in ASCII lower case without dots, is one of `list`
// (lowercase words): `in(w, {"inc", "corp"})`.
bool in(std::string_view word, std::initializer_list<std::string_view> list);

// True for a head word of organisations' names ("Association", "Bank",
// "Union", "Group").
bool is_org_word(std::string_view word);

// True for a company designator ("Co", "Corp.", "Corporation", "Inc",
// "Ltd", "AG", "SA"); the longer ones in any case after their capital
// ("CORP", "INc"). Not "Company", which also ends names of troupes and
// bands ("Royal Shakespeare Company", "Bad Company"), nor "CO".
bool is_company_suffix(std::string_view word);

// True for a name of two or more words that its last word makes a
// programme, law, plan, rate or measure, no organisation ("Marshall Plan",
// "Export Enhancement Program", "Gross National Product"; clean_entities
// types such names misc). UN agencies named "... Programme" are
// organisations ("World Food Programme").
bool misc_by_form(std::string_view name);

// True for a word that names a kind of place ("Strip", "Canal", "Basin",
// "Park", "County"): the last word of many places' names.
bool is_place_kind(std::string_view word);

}  // namespace newsdex::ner
