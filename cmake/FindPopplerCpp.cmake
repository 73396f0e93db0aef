# Finds poppler's C++ API (Debian: libpoppler-cpp-dev), which ships a
# pkg-config file but no CMake package. Defines the imported target
# PopplerCpp::PopplerCpp.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_POPPLER_CPP QUIET poppler-cpp)
endif()
find_path(PopplerCpp_INCLUDE_DIR poppler-document.h HINTS ${PC_POPPLER_CPP_INCLUDE_DIRS} PATH_SUFFIXES poppler/cpp)
find_library(PopplerCpp_LIBRARY NAMES poppler-cpp HINTS ${PC_POPPLER_CPP_LIBRARY_DIRS})
set(PopplerCpp_VERSION ${PC_POPPLER_CPP_VERSION})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PopplerCpp REQUIRED_VARS PopplerCpp_LIBRARY PopplerCpp_INCLUDE_DIR
  VERSION_VAR PopplerCpp_VERSION)
if(PopplerCpp_FOUND AND NOT TARGET PopplerCpp::PopplerCpp)
  add_library(PopplerCpp::PopplerCpp UNKNOWN IMPORTED)
  set_target_properties(PopplerCpp::PopplerCpp PROPERTIES
    IMPORTED_LOCATION "${PopplerCpp_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${PopplerCpp_INCLUDE_DIR}")
endif()
mark_as_advanced(PopplerCpp_INCLUDE_DIR PopplerCpp_LIBRARY)
