# Entity extraction sources, compiled into newsdex_common.
set(NEWSDEX_NER_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/ner_text.cc
  ${CMAKE_CURRENT_LIST_DIR}/ner_tokenizer.cc
  ${CMAKE_CURRENT_LIST_DIR}/ner_gazetteer.cc
  ${CMAKE_CURRENT_LIST_DIR}/ner_clusters.cc
  ${CMAKE_CURRENT_LIST_DIR}/ner_model.cc
  ${CMAKE_CURRENT_LIST_DIR}/ner_extractor.cc
  ${CMAKE_CURRENT_LIST_DIR}/ner_names.cc
)
