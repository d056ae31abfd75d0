# Libraries tracker loads when a command first needs them
# (tracker/core/util/dynlib.h): it is not linked to them, so the build
# tells the code their file names (sonames, which differ between Debian
# releases) and the package names, for the error message and the .deb.
#
# tracker_dynlib(TARGET PREFIX NAME): PREFIX is a pkg_check_modules prefix;
# defines TRK_SONAME_<NAME> and TRK_PACKAGE_<NAME> for TARGET and appends
# the package to TRACKER_DYNLIB_PACKAGES.
function(tracker_dynlib target prefix name)
  # pkg-config lists the library itself first (libxlsxwriter: then libz)
  list(GET ${prefix}_LINK_LIBRARIES 0 file)
  if(NOT file MATCHES "\\.so$")
    message(FATAL_ERROR "${prefix}: no shared library among '${${prefix}_LINK_LIBRARIES}'")
  endif()
  execute_process(COMMAND objdump -p ${file} OUTPUT_VARIABLE dump RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT dump MATCHES "SONAME +([^ \n]+)")
    message(FATAL_ERROR "${prefix}: cannot read the soname of ${file} (objdump, from binutils)")
  endif()
  set(soname ${CMAKE_MATCH_1})
  get_filename_component(dir ${file} DIRECTORY)
  set(package "the package with ${soname}")
  execute_process(COMMAND dpkg -S ${dir}/${soname} OUTPUT_VARIABLE owner RESULT_VARIABLE rc
                  ERROR_QUIET)
  if(rc EQUAL 0 AND owner MATCHES "^([^:, ]+)")
    set(package ${CMAKE_MATCH_1})
  endif()
  target_compile_definitions(${target} PRIVATE TRK_SONAME_${name}="${soname}"
                             TRK_PACKAGE_${name}="${package}")
  target_include_directories(${target} PRIVATE ${${prefix}_INCLUDE_DIRS})
  set(TRACKER_DYNLIB_PACKAGES ${TRACKER_DYNLIB_PACKAGES} ${package} PARENT_SCOPE)
endfunction()
