#include <catch2/catch.hpp>

#include <sstream>

#include "newsdex/export.h"

TEST_CASE("CSV fields are quoted when they hold a comma, a quote, CR or LF, quotes doubled (RFC 4180)") {
  struct Case {
    const char* name;
    std::string value;
    std::string want;
  };
  const Case cases[] = {
      {"plain", "Cocoa prices rise", "Cocoa prices rise"},
      {"empty", "", ""},
      {"comma", "Oil, gas", "\"Oil, gas\""},
      {"quote", "He said \"no\"", "\"He said \"\"no\"\"\""},
      {"newline", "line\nbreak", "\"line\nbreak\""},
      {"carriage return", "a\rb", "\"a\rb\""},
      {"leading space kept unquoted", " x ", " x "},
      {"semicolon", "a; b", "a; b"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::string out;
    newsdex::append_csv_field(out, c.value);
    CHECK(out == c.want);
  }
}

TEST_CASE("export field lists (--fields) are checked against the export fields") {
  CHECK(newsdex::parse_field_list("id,date,title") == std::vector<std::string>{"id", "date", "title"});
  CHECK(newsdex::parse_field_list(" id , entities.person ") == std::vector<std::string>{"id", "entities.person"});
  for (const std::string& name : newsdex::export_field_names()) {
    INFO(name);
    CHECK(newsdex::parse_field_list(name) == std::vector<std::string>{name});
  }
  struct Bad {
    const char* list;
    const char* message;
  };
  const Bad bad[] = {
      {"id,titel", "unknown field 'titel'"},
      {"entities.people", "unknown field 'entities.people'"},
      {"", "empty field name"},
      {"id,,title", "empty field name"},
  };
  for (const Bad& b : bad) {
    INFO(b.list);
    try {
      newsdex::parse_field_list(b.list);
      FAIL("no error");
    } catch (const newsdex::FieldListError& e) {
      CHECK_THAT(e.what(), Catch::Contains(b.message) && Catch::Contains("entities.person"));
    }
  }
}

TEST_CASE("a queries file gives its non-blank lines, numbered, trimmed") {
  std::istringstream in("oil\r\n\n  wheat shipments \n\t\nperson:\"Ronald Reagan\"");
  const std::vector<newsdex::BatchQuery> q = newsdex::read_query_lines(in);
  REQUIRE(q.size() == 3);
  CHECK((q[0].line == 1 && q[0].query == "oil"));
  CHECK((q[1].line == 3 && q[1].query == "wheat shipments"));
  CHECK((q[2].line == 5 && q[2].query == "person:\"Ronald Reagan\""));
}
