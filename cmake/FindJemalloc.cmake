# Finds jemalloc (Debian: libjemalloc-dev), which ships a pkg-config file but
# no CMake package. Defines the imported target Jemalloc::jemalloc; linking
# it into a program replaces malloc/free for the whole process.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_JEMALLOC QUIET jemalloc)
endif()
find_library(Jemalloc_LIBRARY NAMES jemalloc HINTS ${PC_JEMALLOC_LIBRARY_DIRS})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Jemalloc REQUIRED_VARS Jemalloc_LIBRARY)
if(Jemalloc_FOUND AND NOT TARGET Jemalloc::jemalloc)
  add_library(Jemalloc::jemalloc UNKNOWN IMPORTED)
  set_target_properties(Jemalloc::jemalloc PROPERTIES IMPORTED_LOCATION "${Jemalloc_LIBRARY}")
endif()
mark_as_advanced(Jemalloc_LIBRARY)
