# End-to-end tests: bash scripts that drive the real programs. Each gets the
# two programs, the source tree and a scratch directory in its environment.
# Exit 77 means "skipped" (a test that needs ../shared when it is absent).
set(NEWSDEX_E2E_TESTS
  cli_smoke
  index_and_search
  bad_input
  entities
  shard_by
  remote_shards
  shared_corpora
  incremental
  crash_safety
  concurrent_search
  two_writers
  unreadable_input
  hostile
  hostile_queries
  db_errors
  index_format
  facet_depth
  nightly
  db_stubs
  query_syntax
  terminal_safety
  cli_docs
  date_range
  deep_input
  json_numbers
  memory_bound
  news_xml
  topics
  archives
  aliases
  entity_page
  language
  languages
  browse_export
  duplicates
  suggest
  like
  european
  serve_api
  serve_security
  serve_reload
  pdf
  browser
)
foreach(name IN LISTS NEWSDEX_E2E_TESTS)
  add_test(NAME e2e.${name}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/${name}.sh)
  set_tests_properties(e2e.${name} PROPERTIES
    SKIP_RETURN_CODE 77
    TIMEOUT 300
    ENVIRONMENT "NEWSDEX_INDEX=$<TARGET_FILE:newsdex-index>;NEWSDEX_SEARCH=$<TARGET_FILE:newsdex-search>;NEWSDEX_SERVE=$<TARGET_FILE:newsdex-serve>;NEWSDEX_SOURCE_DIR=${PROJECT_SOURCE_DIR};NEWSDEX_SHARED=${PROJECT_SOURCE_DIR}/../shared;NEWSDEX_BUILD_DIR=${PROJECT_BINARY_DIR};NEWSDEX_SCRATCH=${CMAKE_CURRENT_BINARY_DIR}/scratch/${name}")
endforeach()
