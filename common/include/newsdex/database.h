// The Xapian edge: opening databases and turning Xapian's exceptions into
// newsdex's typed errors with context. Nothing above this layer catches
// Xapian::Error.
#pragma once

#include <stdexcept>
#include <string>

#include <xapian.h>

namespace newsdex {

enum class DbErrorKind {
  not_found,  // no database at the path
  locked,     // another writer holds the write lock
  corrupt,    // the database cannot be read as a Xapian database
  io,         // an I/O or permission error
  other,
};

// An error at the Xapian edge. what() is one line naming the database.
class DbError : public std::runtime_error {
 public:
  DbError(DbErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  DbErrorKind kind() const { return kind_; }
 private:
  DbErrorKind kind_;
};

// The database path to use: `cli_value` when non-empty, else $NEWSDEX_DB
// when set and non-empty, else "newsdex.db".
std::string resolve_db_path(const std::string& cli_value);

// Opens `path` for searching. Throws DbError (not_found when there is no
// database there).
Xapian::Database open_for_reading(const std::string& path);

// Opens or creates `path` for writing. Throws DbError (locked when another
// process is writing).
Xapian::WritableDatabase open_for_writing(const std::string& path);

// Converts the Xapian exception being handled into a DbError with
// `context` (e.g. "committing to newsdex.db"). REQUIRES: called inside a
// catch block for Xapian::Error.
[[noreturn]] void rethrow_as_db_error(const std::string& context);

}  // namespace newsdex
