# cmake/jieba_data.cmake - where jieba's data (dict.txt, finalseg/, posseg/, analyse/)
# is, found at configure time and baked into the library as its default
# (ZHTEXT_DEFAULT_JIEBA_DIR; $ZHTEXT_JIEBA_DIR and the API still override it at run
# time, see include/zhtext/jieba_data.hpp). The top-level CMakeLists.txt calls it when
# the cache variable ZHTEXT_JIEBA_DIR is empty (the default) and reports the result;
# tests/jieba_discovery_test.sh runs it in script mode (cmake -P).
#
# zhtext_find_jieba_data(DIR_VAR HOW_VAR [DEBIAN_DIR dir] [PYTHONS exe...]) sets DIR_VAR
# to the first directory holding dict.txt among
#   1. $ENV{ZHTEXT_JIEBA_DIR} (HOW_VAR: "environment variable ZHTEXT_JIEBA_DIR");
#   2. Debian's python3-jieba, /usr/lib/python3/dist-packages/jieba (or DEBIAN_DIR):
#      jieba 0.42.1, the version zhtext is tested against;
#   3. the jieba module of each PYTHONS interpreter in turn (a pip-installed jieba):
#      the directory of jieba/__init__.py;
# and HOW_VAR to how it was found. When none has it, DIR_VAR is the Debian path (the
# library then says what to install when it needs the data) and HOW_VAR is empty.
function(zhtext_find_jieba_data dir_var how_var)
  cmake_parse_arguments(arg "" "DEBIAN_DIR" "PYTHONS" ${ARGN})
  set(debian "/usr/lib/python3/dist-packages/jieba")
  if(arg_DEBIAN_DIR)
    set(debian "${arg_DEBIAN_DIR}")
  endif()
  set(${dir_var} "${debian}" PARENT_SCOPE)
  set(${how_var} "" PARENT_SCOPE)
  if(NOT "$ENV{ZHTEXT_JIEBA_DIR}" STREQUAL "")
    if(EXISTS "$ENV{ZHTEXT_JIEBA_DIR}/dict.txt")
      set(${dir_var} "$ENV{ZHTEXT_JIEBA_DIR}" PARENT_SCOPE)
      set(${how_var} "environment variable ZHTEXT_JIEBA_DIR" PARENT_SCOPE)
      return()
    endif()
    message(WARNING "zhtext: $ZHTEXT_JIEBA_DIR is '$ENV{ZHTEXT_JIEBA_DIR}', which has no dict.txt; ignored")
  endif()
  if(EXISTS "${debian}/dict.txt")
    set(${how_var} "Debian package python3-jieba" PARENT_SCOPE)
    return()
  endif()
  foreach(python IN LISTS arg_PYTHONS)
    if(NOT python)
      continue()
    endif()
    execute_process(
      COMMAND "${python}" -c "import os, jieba; print(os.path.dirname(os.path.abspath(jieba.__file__)))"
      RESULT_VARIABLE rc OUTPUT_VARIABLE dir ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE TIMEOUT 60)
    if(rc EQUAL 0 AND EXISTS "${dir}/dict.txt")
      set(${dir_var} "${dir}" PARENT_SCOPE)
      set(${how_var} "the jieba module of ${python}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()
