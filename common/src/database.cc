#include "newsdex/database.h"

#include <cstdlib>
#include <filesystem>

namespace newsdex {

std::string resolve_db_path(const std::string& cli_value) {
  if (!cli_value.empty()) return cli_value;
  if (const char* env = std::getenv("NEWSDEX_DB"); env != nullptr && *env != '\0') return env;
  return "newsdex.db";
}

void rethrow_as_db_error(const std::string& context) {
  try {
    throw;
  } catch (const Xapian::DatabaseLockError& e) {
    throw DbError(DbErrorKind::locked,
                  context + ": another newsdex-index is writing to it (" + e.get_msg() + ")");
  } catch (const Xapian::DatabaseNotFoundError& e) {
    throw DbError(DbErrorKind::not_found, context + ": no database there");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw DbError(DbErrorKind::not_found, context + ": " + e.get_msg());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw DbError(DbErrorKind::corrupt, context + ": database is corrupt: " + e.get_msg());
  } catch (const Xapian::DatabaseError& e) {
    throw DbError(DbErrorKind::io, context + ": " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw DbError(DbErrorKind::other, context + ": " + e.get_description());
  }
}

Xapian::Database open_for_reading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw DbError(DbErrorKind::not_found,
                  "no database at '" + path + "' (index some articles with newsdex-index first, or give --db)");
  }
  try {
    return Xapian::Database(path);
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("cannot open database '" + path + "'");
  }
}

Xapian::WritableDatabase open_for_writing(const std::string& path) {
  try {
    return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("cannot open database '" + path + "' for writing");
  }
}

}  // namespace newsdex
