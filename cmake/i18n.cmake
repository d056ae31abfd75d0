# Messages in the user's language (issue #16): po/LANG.po compiled by
# msgfmt into BUILD/locale/LANG/LC_MESSAGES/tracker.mo, where the binary in
# the build tree finds them (cli/i18n.c), and installed under
# share/locale. `cmake --build build --target pot` refreshes po/tracker.pot
# and merges it into every po/LANG.po (po/README.md).
find_program(MSGFMT msgfmt REQUIRED)
find_program(XGETTEXT xgettext)
find_program(MSGMERGE msgmerge)

file(GLOB TRACKER_PO_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/po/*.po)
set(TRACKER_MO_FILES)
foreach(po ${TRACKER_PO_FILES})
  get_filename_component(lang ${po} NAME_WE)
  set(mo_dir ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES)
  add_custom_command(
    OUTPUT ${mo_dir}/tracker.mo
    COMMAND ${CMAKE_COMMAND} -E make_directory ${mo_dir}
    COMMAND ${MSGFMT} --check --output-file=${mo_dir}/tracker.mo ${po}
    DEPENDS ${po}
    COMMENT "Compiling the ${lang} messages")
  list(APPEND TRACKER_MO_FILES ${mo_dir}/tracker.mo)
  install(FILES ${mo_dir}/tracker.mo DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
endforeach()
add_custom_target(translations ALL DEPENDS ${TRACKER_MO_FILES})
add_dependencies(tracker translations)
target_compile_definitions(tracker PRIVATE TRACKER_LOCALEDIR="${CMAKE_INSTALL_FULL_LOCALEDIR}")

if(XGETTEXT AND MSGMERGE)
  add_custom_target(pot
    COMMAND ${CMAKE_SOURCE_DIR}/po/update.sh $<TARGET_FILE:tracker> ${CMAKE_BINARY_DIR}
    DEPENDS tracker
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    COMMENT "Extracting messages into po/tracker.pot and merging the translations")
endif()
