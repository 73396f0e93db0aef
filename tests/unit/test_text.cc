#include <catch2/catch.hpp>

#include "newsdex/text.h"

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
