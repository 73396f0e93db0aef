# Entity-tagger tools: gazetteer builder, trainer, evaluator/benchmark.
# bench/ner-train and bench/ner-eval drive them.
add_library(newsdex_ner_conll STATIC ${CMAKE_CURRENT_LIST_DIR}/tools/conll.cc)
target_include_directories(newsdex_ner_conll PUBLIC ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_LIST_DIR}/tools)
target_link_libraries(newsdex_ner_conll PUBLIC newsdex_common PRIVATE newsdex_warnings)

add_executable(newsdex-ner-gazetteer ${CMAKE_CURRENT_LIST_DIR}/tools/ner_gazetteer.cc)
target_include_directories(newsdex-ner-gazetteer PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(newsdex-ner-gazetteer PRIVATE newsdex_common newsdex_warnings nlohmann_json::nlohmann_json)

add_executable(newsdex-ner-train ${CMAKE_CURRENT_LIST_DIR}/tools/ner_train.cc)
target_link_libraries(newsdex-ner-train PRIVATE newsdex_ner_conll newsdex_common newsdex_warnings)

add_executable(newsdex-ner-eval ${CMAKE_CURRENT_LIST_DIR}/tools/ner_eval.cc)
target_link_libraries(newsdex-ner-eval PRIVATE newsdex_ner_conll newsdex_common newsdex_warnings
  nlohmann_json::nlohmann_json)

add_executable(newsdex-ner-clusters ${CMAKE_CURRENT_LIST_DIR}/tools/ner_clusters.cc)
target_include_directories(newsdex-ner-clusters PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(newsdex-ner-clusters PRIVATE newsdex_common newsdex_warnings nlohmann_json::nlohmann_json)
