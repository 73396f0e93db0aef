// The tagger's view of a text: tokens grouped into sentences, with each
// token's normalised form. Built either by the raw-text tokenizer or from
// pre-tokenised CoNLL data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::ner {

struct Token {
  std::uint32_t begin = 0;     // byte range in the source text (0,0 for CoNLL)
  std::uint32_t end = 0;
  std::uint32_t norm_off = 0;  // normalised form: Document::norm[off, off+len)
  std::uint32_t norm_len = 0;
};

struct Sentence {
  std::uint32_t first = 0;  // token index range [first, last)
  std::uint32_t last = 0;
};

struct Document {
  std::string norm;  // storage for every token's normalised form
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;  // contiguous, in order, never empty

  std::string_view text(const Token& t) const {
    return std::string_view(norm).substr(t.norm_off, t.norm_len);
  }
  std::string_view text(std::size_t i) const { return text(tokens[i]); }

  // Appends a token whose normalised form is `normalised`.
  void add_token(std::uint32_t begin, std::uint32_t end, std::string_view normalised);
  // Closes the sentence made of the tokens added since the previous call;
  // does nothing when there are none.
  void end_sentence();
  void clear();
};

// Appends the tokens and sentences of `text` to *doc. Token offsets are
// relative to `text` plus `base`. `text` is treated as one block: sentences
// never span two calls. Punctuation, brackets and quotes are split off;
// possessive "'s"/"’s" is its own token; hyphenated words, abbreviations
// ("U.S.", "Mr.") and numbers ("1,000.5") stay whole. Curly quotes and
// dashes are normalised to their ASCII forms in Token text.
void tokenize(std::string_view text, std::uint32_t base, Document* doc);

}  // namespace newsdex::ner
