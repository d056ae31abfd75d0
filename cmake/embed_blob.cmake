# Helpers of the build's embedding scripts (embed.cmake, embed_assets.cmake),
# which turn files of the tree into C byte arrays so the program reads no
# file of its own at run time.

# append_blob(VAR NAME PATH): appends to VAR the array NAME holding PATH's
# bytes and a NUL; sets LAST_SIZE to the file's size.
function(append_blob var name path)
  file(READ ${path} hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR size "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  set(${var} "${${var}}static const unsigned char ${name}[] = {${bytes}0x00};\n" PARENT_SCOPE)
  set(LAST_SIZE ${size} PARENT_SCOPE)
endfunction()

# append_file_table(VAR PREFIX DIR CTYPE ARRAY FILE...): appends the FILEs
# (paths relative to DIR) as the array `const struct CTYPE ARRAY[]` of
# { name, bytes, size }, ending with a NULL name.
function(append_file_table var prefix dir ctype array)
  set(out "${${var}}")
  set(table "")
  set(i 0)
  foreach(f ${ARGN})
    append_blob(out "${prefix}_${i}" ${dir}/${f})
    string(APPEND table "\t{ \"${f}\", (const char *)${prefix}_${i}, ${LAST_SIZE} },\n")
    math(EXPR i "${i} + 1")
  endforeach()
  string(APPEND out "const struct ${ctype} ${array}[] = {\n${table}\t{ NULL, NULL, 0 }\n};\n")
  set(${var} "${out}" PARENT_SCOPE)
endfunction()
