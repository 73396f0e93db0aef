#include <catch2/catch.hpp>

#include <string>

#include "newsdex/encoding.h"

namespace {

using newsdex::Encoding;

struct DecodeCase {
  const char* name;
  std::string input;
  std::string expected_text;
  Encoding expected_encoding;
};

std::string bytes(std::initializer_list<int> list) {
  std::string s;
  for (int b : list) s.push_back(static_cast<char>(b));
  return s;
}

// UTF-16 code units as little- or big-endian bytes, without BOM.
std::string utf16_bytes(const std::u16string& units, bool little_endian) {
  std::string s;
  for (char16_t u : units) {
    const char lo = static_cast<char>(u & 0xFF);
    const char hi = static_cast<char>(u >> 8);
    s += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  }
  return s;
}

const std::u16string kUtf16Text = u"Hello there, caf\u00e9 \U0001F600";
const std::string kUtf16LeBody = utf16_bytes(kUtf16Text, true);
const std::string kUtf16BeBody = utf16_bytes(kUtf16Text, false);
const std::string kUtf16Expected = "Hello there, caf\xC3\xA9 \xF0\x9F\x98\x80";

const DecodeCase kDecodeCases[] = {
    {"empty input is empty UTF-8", "", "", Encoding::utf8},
    {"ASCII is kept", "Hello, world.\n", "Hello, world.\n", Encoding::utf8},
    {"valid UTF-8 is kept", "Syria\xE2\x80\x99s \xC2\xA3" "5", "Syria\xE2\x80\x99s \xC2\xA3" "5", Encoding::utf8},
    {"four-byte UTF-8 is kept", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", Encoding::utf8},
    {"UTF-8 BOM is removed", "\xEF\xBB\xBFTitle", "Title", Encoding::utf8},
    {"Latin-1 pound sign is repaired", "a \xA3" "15.8m signing", "a \xC2\xA3" "15.8m signing", Encoding::utf8_repaired},
    {"Latin-1 e-acute is repaired", "caf\xE9 ", "caf\xC3\xA9 ", Encoding::utf8_repaired},
    {"cp1252 smart quotes", "\x93quoted\x94", "\xE2\x80\x9Cquoted\xE2\x80\x9D", Encoding::utf8_repaired},
    {"cp1252 euro and dash", "\x80" "5 \x96 \x97", "\xE2\x82\xAC" "5 \xE2\x80\x93 \xE2\x80\x94", Encoding::utf8_repaired},
    {"undefined cp1252 byte becomes U+FFFD", "a\x81" "b", "a\xEF\xBF\xBD" "b", Encoding::utf8_repaired},
    {"valid UTF-8 beside a stray byte is kept", "\xC3\xA9\xE9", "\xC3\xA9\xC3\xA9", Encoding::utf8_repaired},
    {"truncated sequence at the end", "ab\xE2\x80", "ab\xC3\xA2\xE2\x82\xAC", Encoding::utf8_repaired},
    {"overlong encoding is invalid", "\xC0\xAF", "\xC3\x80\xC2\xAF", Encoding::utf8_repaired},
    {"UTF-8-encoded surrogate is invalid", "\xED\xA0\x80", "\xC3\xAD\xC2\xA0\xE2\x82\xAC", Encoding::utf8_repaired},
    {"code point above U+10FFFF is invalid", "\xF4\x90\x80\x80",
     "\xC3\xB4\xEF\xBF\xBD\xE2\x82\xAC\xE2\x82\xAC", Encoding::utf8_repaired},
    {"UTF-16LE with BOM", bytes({0xFF, 0xFE}) + kUtf16LeBody, kUtf16Expected, Encoding::utf16le},
    {"UTF-16BE with BOM", bytes({0xFE, 0xFF}) + kUtf16BeBody, kUtf16Expected, Encoding::utf16be},
    {"UTF-16LE without BOM", kUtf16LeBody, kUtf16Expected, Encoding::utf16le},
    {"UTF-16BE without BOM", kUtf16BeBody, kUtf16Expected, Encoding::utf16be},
    {"UTF-16 lone high surrogate", bytes({0xFF, 0xFE, 'a', 0, 0x3D, 0xD8, 'b', 0}), "a\xEF\xBF\xBD" "b", Encoding::utf16le},
    {"UTF-16 lone low surrogate", bytes({0xFF, 0xFE, 0x00, 0xDE, 'b', 0}), "\xEF\xBF\xBD" "b", Encoding::utf16le},
    {"PNG header is binary",
     bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 0x01, 0x00, 0, 0,
            0x01, 0x00, 0x08, 0x06, 0, 0, 0}),
     "", Encoding::binary},
    {"NUL byte is binary", std::string("text\0more text here", 19), "", Encoding::binary},
    {"mostly control characters is binary", "\x01\x02\x03\x04\x05" "abc", "", Encoding::binary},
    {"tabs, form feeds and CRLF are text", "a\tb\fc\r\n", "a\tb\fc\r\n", Encoding::utf8},
    {"all-zero data is binary, not UTF-16", std::string(64, '\0'), "", Encoding::binary},
};

const char* encoding_name(Encoding e) {
  switch (e) {
    case Encoding::utf8: return "utf8";
    case Encoding::utf8_repaired: return "utf8_repaired";
    case Encoding::utf16le: return "utf16le";
    case Encoding::utf16be: return "utf16be";
    case Encoding::binary: return "binary";
  }
  return "?";
}

}  // namespace

TEST_CASE("decode_text turns bytes of any encoding into valid UTF-8", "[encoding]") {
  for (const DecodeCase& c : kDecodeCases) {
    SECTION(c.name) {
      const newsdex::Decoded d = newsdex::decode_text(c.input);
      CHECK(std::string(encoding_name(d.encoding)) == encoding_name(c.expected_encoding));
      CHECK(d.text == c.expected_text);
      CHECK(newsdex::is_valid_utf8(d.text));
    }
  }
}

TEST_CASE("is_valid_utf8 accepts shortest forms only", "[encoding]") {
  struct Case { const char* name; std::string input; bool valid; };
  const Case cases[] = {
      {"empty", "", true},
      {"ASCII", "plain ASCII text that is longer than eight bytes", true},
      {"two-byte", "\xC2\xA3", true},
      {"three-byte", "\xE2\x80\x99", true},
      {"four-byte max", "\xF4\x8F\xBF\xBF", true},
      {"stray continuation", "\x80", false},
      {"overlong two-byte", "\xC1\xBF", false},
      {"overlong three-byte", "\xE0\x9F\xBF", false},
      {"overlong four-byte", "\xF0\x8F\xBF\xBF", false},
      {"surrogate", "\xED\xBF\xBF", false},
      {"above U+10FFFF", "\xF4\x90\x80\x80", false},
      {"F5 lead byte", "\xF5\x80\x80\x80", false},
      {"truncated after ASCII run", "abcdefghij\xE2\x80", false},
      {"Latin-1 byte after long ASCII", "abcdefghijklmnopqrstuvwxyz\xA3", false},
  };
  for (const Case& c : cases) {
    SECTION(c.name) { CHECK(newsdex::is_valid_utf8(c.input) == c.valid); }
  }
}

TEST_CASE("decode_text sees a stray byte after the binary sniffing window", "[encoding]") {
  std::string s(20000, 'a');
  s += '\xA3';
  const newsdex::Decoded d = newsdex::decode_text(s);
  CHECK(d.encoding == Encoding::utf8_repaired);
  CHECK(d.text.size() == 20002);
  CHECK(d.text.substr(20000) == "\xC2\xA3");
}

TEST_CASE("decode_text keeps 64 MiB of valid UTF-8 byte for byte", "[encoding]") {
  std::string chunk = "The quick brown fox jumps over the lazy dog. Syria\xE2\x80\x99s \xC2\xA3" "5bn plan.\n";
  std::string big;
  while (big.size() < (64u << 20)) big += chunk;
  const newsdex::Decoded d = newsdex::decode_text(big);
  REQUIRE(d.encoding == Encoding::utf8);
  CHECK(d.text == big);
}

TEST_CASE("sniff_encoding decides as decode_text does, from the head alone", "[encoding]") {
  for (const DecodeCase& c : kDecodeCases) {
    SECTION(c.name) {
      const newsdex::Sniffed s = newsdex::sniff_encoding(c.input);
      const Encoding want = c.expected_encoding == Encoding::utf8_repaired ? Encoding::utf8 : c.expected_encoding;
      CHECK(encoding_name(s.encoding) == std::string(encoding_name(want)));
    }
  }
}

TEST_CASE("Utf16Decoder gives the same text however the input is cut into chunks", "[encoding]") {
  for (const DecodeCase& c : kDecodeCases) {
    if (c.expected_encoding != Encoding::utf16le && c.expected_encoding != Encoding::utf16be) continue;
    const newsdex::Sniffed s = newsdex::sniff_encoding(c.input);
    const std::string body = c.input.substr(s.bom_bytes);
    for (std::size_t chunk : {1, 2, 3, 5}) {
      SECTION(std::string(c.name) + ", chunks of " + std::to_string(chunk)) {
        newsdex::Utf16Decoder decoder(s.encoding == Encoding::utf16le);
        std::string out;
        for (std::size_t i = 0; i < body.size(); i += chunk) decoder.decode(body.substr(i, chunk), out);
        decoder.finish(out);
        CHECK(out == c.expected_text);
      }
    }
  }
}

TEST_CASE("decodable_prefix leaves out a character cut at the end, and only that", "[encoding]") {
  struct Case {
    const char* name;
    std::string input;
    std::size_t expected;
  };
  const Case cases[] = {
      {"ASCII", "abc", 3},
      {"a complete three-byte character", "ab\xE2\x82\xAC", 5},
      {"two bytes of a three-byte character", "ab\xE2\x82", 2},
      {"one byte of a two-byte character", "ab\xC3", 2},
      {"three bytes of a four-byte character", "\xF0\x9F\x98", 0},
      {"a stray continuation byte is not a cut (repair reports it)", "ab\x80", 3},
      {"a stray lead byte before ASCII is not a cut", "\xC3" "ab", 3},
      {"UTF-16LE cut after an odd byte", bytes({0xFF, 0xFE, 'a', 0, 'b'}), 4},
      {"UTF-16LE cut after a high surrogate", bytes({0xFF, 0xFE, 'a', 0, 0x3D, 0xD8}), 4},
      {"UTF-16BE cut inside a pair", bytes({0xFE, 0xFF, 0, 'a', 0xD8, 0x3D, 0xDE}), 4},
      {"empty", "", 0},
  };
  for (const Case& c : cases) {
    SECTION(c.name) { CHECK(newsdex::decodable_prefix(c.input) == c.expected); }
  }
}

TEST_CASE("repair_utf8 is decode_text's repair", "[encoding]") {
  CHECK(newsdex::repair_utf8("caf\xE9 \xC3\xA9") == "caf\xC3\xA9 \xC3\xA9");
  CHECK(newsdex::repair_utf8("valid \xE2\x82\xAC") == "valid \xE2\x82\xAC");
}
