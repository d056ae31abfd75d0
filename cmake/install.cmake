# Installed like a Debian tool (issue #16). `cmake --install build
# [--prefix P]` puts under the GNU directories: the binary, tracker(1),
# tracker-format(5) and tracker-serve(8), the bash and zsh completion, the
# report schema, the message catalogues (cmake/i18n.cmake) and the README
# and licence; `cpack -G DEB` (in the build directory) makes a Debian
# package of the same tree under /usr whose dependencies are the run-time
# libraries the binary links.
#
# The man pages and the completion are generated at build time from the
# binary's own declaration (`tracker help --json`), so they cannot drift
# from the options it parses. Tests: tests/i18n/.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
target_compile_definitions(tracker PRIVATE TRACKER_VERSION="${PROJECT_VERSION}")

set(TRACKER_GEN_DIR ${CMAKE_BINARY_DIR}/generated)
set(TRACKER_MAN1 ${TRACKER_GEN_DIR}/man/tracker.1)
set(TRACKER_MAN5 ${TRACKER_GEN_DIR}/man/tracker-format.5)
set(TRACKER_MAN8 ${TRACKER_GEN_DIR}/man/tracker-serve.8)
set(TRACKER_BASH ${TRACKER_GEN_DIR}/completion/tracker)
set(TRACKER_ZSH ${TRACKER_GEN_DIR}/completion/_tracker)

set(TRACKER_OPENAPI ${CMAKE_SOURCE_DIR}/tracker/server/assets/openapi.json)
foreach(page tracker.1 tracker-serve.8)
  add_custom_command(
    OUTPUT ${TRACKER_GEN_DIR}/man/${page}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${TRACKER_GEN_DIR}/man
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/man/gen_man.py $<TARGET_FILE:tracker>
            ${CMAKE_SOURCE_DIR}/man/${page}.in ${CMAKE_SOURCE_DIR}/README.md ${PROJECT_VERSION}
            ${TRACKER_OPENAPI}
            > ${TRACKER_GEN_DIR}/man/${page}
    DEPENDS tracker ${CMAKE_SOURCE_DIR}/man/gen_man.py ${CMAKE_SOURCE_DIR}/man/${page}.in
            ${CMAKE_SOURCE_DIR}/README.md ${TRACKER_OPENAPI}
    COMMENT "Generating ${page} from the declaration of the commands")
endforeach()
add_custom_command(
  OUTPUT ${TRACKER_MAN5}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${TRACKER_GEN_DIR}/man
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/man/md2man.py ${CMAKE_SOURCE_DIR}/seeds/FORMAT.md
          tracker-format 5 "the tracker/1 JSON format of letters and commitments"
          ${PROJECT_VERSION} 2023-10-01 > ${TRACKER_MAN5}
  DEPENDS ${CMAKE_SOURCE_DIR}/man/md2man.py ${CMAKE_SOURCE_DIR}/seeds/FORMAT.md
  COMMENT "Generating tracker-format(5) from seeds/FORMAT.md")
foreach(shell bash zsh)
  if(shell STREQUAL "bash")
    set(out ${TRACKER_BASH})
  else()
    set(out ${TRACKER_ZSH})
  endif()
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${TRACKER_GEN_DIR}/completion
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/completion/gen_completion.py
            $<TARGET_FILE:tracker> ${shell} > ${out}
    DEPENDS tracker ${CMAKE_SOURCE_DIR}/completion/gen_completion.py
    COMMENT "Generating the ${shell} completion from the declaration of the commands")
endforeach()
add_custom_target(tracker_docs ALL
  DEPENDS ${TRACKER_MAN1} ${TRACKER_MAN5} ${TRACKER_MAN8} ${TRACKER_BASH} ${TRACKER_ZSH})

install(TARGETS tracker RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${TRACKER_MAN1} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${TRACKER_MAN5} DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES ${TRACKER_MAN8} DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
install(FILES ${TRACKER_BASH} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
# zsh looks in vendor-completions under /usr (Debian's place for a
# package's completions) and in site-functions under /usr/local: chosen by
# the prefix at install time, so the .deb (CPack installs under /usr) and
# `cmake --install build` (/usr/local) both land where zsh looks.
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(tracker_zsh_dir vendor-completions)
  else()
    set(tracker_zsh_dir site-functions)
  endif()
  file(INSTALL ${TRACKER_ZSH}
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/zsh/\${tracker_zsh_dir}\")")
install(FILES ${CMAKE_SOURCE_DIR}/reports/report.schema.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/tracker)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)

# The Debian package. Its dependencies come from the libraries the binary
# links (dpkg-shlibdeps), so they are run-time packages (libsqlite3-0,
# libical3, libcjson1, libicu72, libnettle8 ...), never -dev ones.
set(CPACK_PACKAGE_NAME tracker)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "follow up the commitments of government reply letters")
set(CPACK_PACKAGE_DESCRIPTION "tracker turns the commitments of reply letters (答复函) into tracked
items with owners, deadlines, targets and status; departments log progress;
everyone sees health as of any date, in tables, iCalendar files and quarterly
reports. Messages in Chinese and English.")
set(CPACK_PACKAGE_CONTACT "tracker developers <tracker@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded when first needed (tracker/core/util/dynlib.h), so shlibdeps does
# not see them (cmake/dynlib.cmake names their packages): `tracker serve`, a
# PostgreSQL store and the office documents need them all the same.
list(JOIN TRACKER_DYNLIB_PACKAGES ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "tzdata")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
include(CPack)
