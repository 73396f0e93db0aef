// One description of a command-line program drives its --help, its man
// page and its bash completion, so that an option described once cannot
// drift between them. The options themselves are the program's Boost
// options_description (the table); an option's value name says what its
// value is, and completion follows it: "FILE", "DIR" or "PATH" complete
// file names, "a|b|c" completes those words, anything else nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>

namespace newsdex::cli {

struct ProgramDoc {
  std::string name;                   // "newsdex-index"
  std::string summary;                // one line, for the man page's NAME
  std::vector<std::string> synopsis;  // usage lines, without the program name
  std::string description;            // paragraphs separated by blank lines
  // (what, meaning) pairs: exit codes, environment variables, examples.
  std::vector<std::pair<std::string, std::string>> exit_status;
  std::vector<std::pair<std::string, std::string>> environment;
  std::vector<std::pair<std::string, std::string>> examples;
  std::vector<std::string> see_also;  // "newsdex-search(1)"
};

// What --help prints: usage, description, the options as Boost formats
// them, exit status, environment and examples.
std::string help_text(const ProgramDoc& doc, const boost::program_options::options_description& options);

// A man page (roff, section 1) with the same content, plus examples.
std::string man_page(const ProgramDoc& doc, const boost::program_options::options_description& options,
                     const std::string& version);

// A bash completion script for the program's options and their values.
std::string bash_completion(const ProgramDoc& doc, const boost::program_options::options_description& options);

// Adds the hidden options --man and --bash-completion to `hidden`.
void add_doc_options(boost::program_options::options_description& hidden);

// When `vm` holds --help, --version, --man or --bash-completion, prints
// that (to stdout) and returns true: the program then exits 0. `options`
// are the options --help lists.
bool print_requested_doc(const boost::program_options::variables_map& vm, const ProgramDoc& doc,
                         const boost::program_options::options_description& options, const std::string& version);

}  // namespace newsdex::cli
