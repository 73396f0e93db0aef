#include <catch2/catch.hpp>

#include "newsdex/text.h"

#include <string>

using newsdex::terminal_safe;

TEST_CASE("terminal_safe replaces every control sequence introducer and keeps text") {
  const std::string r = "\xEF\xBF\xBD";
  struct Case {
    const char* name;
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"plain text", "Tartus port reopens", "Tartus port reopens"},
      {"non-ASCII letters", "Ḥmeimim, Верхоянск, 商標法", "Ḥmeimim, Верхоянск, 商標法"},
      {"newline and tab kept", "a\n\tb", "a\n\tb"},
      {"ESC of a CSI screen clear", "x\x1b[2Jy", "x" + r + "[2Jy"},
      {"OSC window title with BEL", "\x1b]0;pwned\x07", r + "]0;pwned" + r},
      {"8-bit CSI (U+009B)", "a\xC2\x9B" "31mb", "a" + r + "31mb"},
      {"DEL and carriage return", "a\x7f\rb", "a" + r + r + "b"},
      {"bidi override", "abc\xE2\x80\xAE" "cba", "abc" + r + "cba"},
      {"bidi isolate", "\xE2\x81\xA6x", r + "x"},
      {"invalid UTF-8", "a\xff" "b", "a" + r + "b"},
      {"no-break space kept", "a\xC2\xA0" "b", "a\xC2\xA0" "b"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(terminal_safe(c.in) == c.out);
  }
}

TEST_CASE("terminal_safe on one line turns newlines and tabs into spaces") {
  CHECK(terminal_safe("a\nb\tc", false) == "a b c");
}

TEST_CASE("white space is one idea: ASCII and Unicode spaces collapse and trim alike - invisible characters go", "[text]") {
  struct Case {
    const char* name;
    std::string in;
    std::string collapsed;
  };
  const Case cases[] = {
      {"ASCII runs", " a \t\r\n b\f\vc ", "a b c"},
      {"no-break space", "a\xC2\xA0\xC2\xA0" "b", "a b"},
      {"em space and thin space", "a\xE2\x80\x83" "b\xE2\x80\x89" "c", "a b c"},
      {"narrow no-break, medium math, ideographic", "a\xE2\x80\xAF" "b\xE2\x81\x9F" "c\xE3\x80\x80" "d", "a b c d"},
      {"line and paragraph separators", "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", "a b c"},
      {"NEL", "a\xC2\x85" "b", "a b"},
      {"zero width space and soft hyphen dropped", "a\xE2\x80\x8B" "b\xC2\xAD" "c", "abc"},
      {"BOM at the start dropped", "\xEF\xBB\xBF" "Title", "Title"},
      {"not spaces: letters that start like them", "\xC2\xA9 \xE2\x82\xAC \xE3\x81\x82", "\xC2\xA9 \xE2\x82\xAC \xE3\x81\x82"},
      {"only spaces", " \xC2\xA0\xE3\x80\x80 ", ""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(newsdex::collapse_whitespace(c.in) == c.collapsed);
    CHECK(newsdex::trim(c.in) == newsdex::trim(newsdex::trim(c.in)));
    CHECK(newsdex::is_blank(c.in) == c.collapsed.empty());
  }
  CHECK(newsdex::trim("\xC2\xA0 x y \xE3\x80\x80\xE2\x80\x8B") == "x y");
  CHECK(newsdex::trim("") == "");
  CHECK(newsdex::space_before("x\xE3\x80\x80", 4) == 3);
  CHECK(newsdex::space_at("\xE2\x80", 0) == 0);  // cut short: not a space
}

TEST_CASE("append_utf8 writes any scalar value and replaces what is not one", "[text]") {
  std::string out;
  for (char32_t cp : {char32_t{'A'}, char32_t{0xE9}, char32_t{0x20AC}, char32_t{0x1F4F0}, char32_t{0xD800},
                      char32_t{0x110000}}) {
    newsdex::append_utf8(out, cp);
  }
  CHECK(out == "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\xB0\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(newsdex::ascii_lower("MiXeD Ä") == "mixed Ä");
}
