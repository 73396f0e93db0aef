#include <catch2/catch.hpp>

#include <string>

#include "newsdex/json.h"

namespace {

std::string literal(std::string_view s) {
  std::string out;
  newsdex::append_json_string(out, s);
  return out;
}

}  // namespace

TEST_CASE("every JSON writer follows one policy: invalid UTF-8 becomes U+FFFD, controls are escaped", "[json]") {
  struct Case {
    const char* name;
    std::string in;
    std::string out;  // the literal, quotes included
  };
  const Case cases[] = {
      {"plain", "Tartus", "\"Tartus\""},
      {"quote and backslash", "a\"b\\c", "\"a\\\"b\\\\c\""},
      {"named escapes", "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""},
      {"other controls", std::string("\x01\x1f\x7f", 3), "\"\\u0001\\u001f\x7f\""},
      {"NUL", std::string("a\0b", 3), "\"a\\u0000b\""},
      {"valid UTF-8 kept", "Zo\xC3\xAB \xF0\x9F\x93\xB0", "\"Zo\xC3\xAB \xF0\x9F\x93\xB0\""},
      {"a stray byte", "/tmp/\xFF-x", "\"/tmp/\xEF\xBF\xBD-x\""},
      {"a cut sequence is one replacement", "a\xE2\x82", "\"a\xEF\xBF\xBD\""},
      {"a cut sequence before a letter", "\xE2\x82" "A", "\"\xEF\xBF\xBD" "A\""},
      {"an encoded surrogate: three", "\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
      {"an overlong form", "\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(literal(c.in) == c.out);
    // The tree writer says the same of the same string.
    CHECK(newsdex::to_json_text(nlohmann::ordered_json(c.in)) == c.out);
    CHECK(nlohmann::json::parse(c.out).is_string());
  }
}

TEST_CASE("to_json_text indents on request and never throws for a string's bytes", "[json]") {
  const nlohmann::ordered_json j = {{"path", "/tmp/\xff"}, {"n", 1}};
  CHECK(newsdex::to_json_text(j) == "{\"path\":\"/tmp/\xEF\xBF\xBD\",\"n\":1}");
  CHECK(newsdex::to_json_text(j, 2) == "{\n  \"path\": \"/tmp/\xEF\xBF\xBD\",\n  \"n\": 1\n}");
}
