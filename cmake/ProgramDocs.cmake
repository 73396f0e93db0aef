# newsdex_program_docs(TARGET): once TARGET is built, runs it to write its
# man page (TARGET --man) and its bash completion (TARGET
# --bash-completion), both generated from the program's own options table,
# and installs them (man1, and bash-completion's completions directory).
function(newsdex_program_docs target)
  set(man ${CMAKE_CURRENT_BINARY_DIR}/${target}.1)
  set(completion ${CMAKE_CURRENT_BINARY_DIR}/${target}.bash-completion)
  add_custom_command(OUTPUT ${man} ${completion}
    COMMAND sh -c "\"$1\" --man > \"$2\" && \"$1\" --bash-completion > \"$3\"" sh $<TARGET_FILE:${target}> ${man} ${completion}
    DEPENDS ${target}
    COMMENT "Writing the man page and bash completion of ${target}"
    VERBATIM)
  add_custom_target(${target}-docs ALL DEPENDS ${man} ${completion})
  install(FILES ${man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${completion} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ${target})
endfunction()
