# Sanitizer and fuzzer builds. Included by the top-level CMakeLists.txt
# before any target is defined, so the flags set here apply to every target
# of the project (our code only: Xapian, Catch2 and the other dependencies
# are system libraries and stay uninstrumented).
#
#   cmake -B build-asan -DNEWSDEX_SANITIZE=address,undefined
#       every target built with AddressSanitizer (leaks included) and
#       UndefinedBehaviorSanitizer; any UB report aborts the program.
#   CC=clang CXX=clang++ cmake -B build-fuzz -DNEWSDEX_BUILD_FUZZERS=ON
#       additionally instruments every target for libFuzzer coverage and
#       builds the fuzz targets in tests/fuzz/ (clang only). NEWSDEX_SANITIZE
#       defaults to address,undefined there.
#
# Run the tests with ASAN_OPTIONS / UBSAN_OPTIONS set so that the first
# report fails the test (see tests/fuzz/README.md).

if(NEWSDEX_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "NEWSDEX_BUILD_FUZZERS needs clang (libFuzzer): "
                        "configure a separate build directory with CC=clang CXX=clang++")
  endif()
  if(NOT NEWSDEX_SANITIZE)
    set(NEWSDEX_SANITIZE "address,undefined" CACHE STRING
        "Sanitizers to build with, e.g. address,undefined (empty: none)" FORCE)
  endif()
  # Coverage instrumentation for all our code; only the fuzz targets link
  # libFuzzer's main (-fsanitize=fuzzer, in tests/fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link)
  add_link_options(-fsanitize=fuzzer-no-link)
endif()

if(NEWSDEX_SANITIZE)
  string(REPLACE " " "" _newsdex_sanitize "${NEWSDEX_SANITIZE}")
  message(STATUS "newsdex: building with -fsanitize=${_newsdex_sanitize}")
  add_compile_options(-fsanitize=${_newsdex_sanitize} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${_newsdex_sanitize})
  if(_newsdex_sanitize MATCHES "undefined")
    # A UB report is an error, not a warning that scrolls by.
    add_compile_options(-fno-sanitize-recover=undefined)
    add_link_options(-fno-sanitize-recover=undefined)
  endif()
  # Readable stacks without giving up much speed.
  if(NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
    add_compile_options(-g)
  endif()
endif()
