# Build helpers shared by every layer: warning flags set in one place, sanitizers, and test
# registration that fails the build when a *_test.cc is not part of a test target.

set(JZ_WARNINGS -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(JZ_WERROR)
  list(APPEND JZ_WARNINGS -Werror)
endif()

if(JZ_SANITIZE AND JZ_FUZZ)
  message(FATAL_ERROR "JZ_FUZZ already builds with ASan + UBSan; leave JZ_SANITIZE off")
endif()
if(JZ_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# The fuzz build: every library gets libFuzzer's coverage instrumentation (fuzzer-no-link:
# no main) plus ASan and UBSan, so that the fuzzers steer by coverage of our code and any
# memory error or undefined behaviour aborts the run. fuzz/CMakeLists.txt adds the fuzzer
# runtime to the fuzz targets themselves.
if(JZ_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "JZ_FUZZ needs clang (libFuzzer): configure with CC=clang CXX=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# Which layers' headers each layer may include: the architecture's arrows (README codemap,
# ../shared/docs/ARCHITECTURE.md), written once. A layer's sources are compiled with an include
# root that holds only these folders (symbolic links in the build tree), so an upward
# include such as "store/..." from cli fails to compile instead of only failing review.
set(JZ_SEES_core core)
set(JZ_SEES_io io core)
set(JZ_SEES_rules rules core)
set(JZ_SEES_store store core)
set(JZ_SEES_engine engine rules io core)
set(JZ_SEES_app app engine rules io store core)
set(JZ_SEES_synth synth app engine rules io store core)
set(JZ_SEES_server server app io core)
set(JZ_SEES_cli cli server app synth io core)

# jz_layer_include_dir(LAYER OUT_VAR): the include root of LAYER (created at configure time).
function(jz_layer_include_dir layer out_var)
  if(NOT DEFINED JZ_SEES_${layer})
    message(FATAL_ERROR "unknown layer '${layer}': add a JZ_SEES_${layer} line in cmake/JzHelpers.cmake")
  endif()
  set(root ${PROJECT_BINARY_DIR}/layer_include/${layer})
  foreach(seen ${JZ_SEES_${layer}})
    if(NOT EXISTS ${root}/${seen})
      file(MAKE_DIRECTORY ${root})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${seen} ${root}/${seen} SYMBOLIC)
    endif()
  endforeach()
  set(${out_var} ${root} PARENT_SCOPE)
endfunction()

# jz_library(NAME LAYER L SOURCES... DEPS ...): a layer's static library with our warnings,
# compiled against the include root of its layer only. Include directories do not propagate
# to dependants: each target sees what its own layer may see.
function(jz_library name)
  cmake_parse_arguments(ARG "" "LAYER" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  jz_layer_include_dir(${ARG_LAYER} include_root)
  target_include_directories(${name} PRIVATE ${include_root})
  target_compile_options(${name} PRIVATE ${JZ_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# jz_whole_tree_includes(TARGET): tests, benchmarks and fuzzers see every layer (and tests/).
function(jz_whole_tree_includes target)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
endfunction()

set_property(GLOBAL PROPERTY JZ_REGISTERED_TESTS "")
# The binaries of the tests labelled `unit`: the ASan build (make build-asan) builds only
# these, not the CLI, the server binary or the tests that run them.
if(JZ_TESTS)
  add_custom_target(jz_unit_tests)
endif()

# jz_test(NAME SOURCES... DEPS ... [LABELS ...]): a GoogleTest binary registered with CTest.
# Does nothing when JZ_TESTS is off.
function(jz_test name)
  if(NOT JZ_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  # Test code itself is compiled without optimisation, in every build: it is most of the
  # build's time (-O2 took 40 % longer) and the code under test keeps the build's own flags.
  target_compile_options(${name} PRIVATE ${JZ_WARNINGS} -O0)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} jz_testutil GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    JZ_SHARED_DATA_DIR="${PROJECT_SOURCE_DIR}/../shared/data"
    JZ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  if("unit" IN_LIST ARG_LABELS)
    add_dependencies(jz_unit_tests ${name})
  endif()
  foreach(src ${ARG_SOURCES})
    get_filename_component(abs ${src} ABSOLUTE)
    set_property(GLOBAL APPEND PROPERTY JZ_REGISTERED_TESTS ${abs})
  endforeach()
endfunction()

# Fails configuration when a *_test.cc exists that no jz_test() names.
function(jz_check_all_tests_registered)
  file(GLOB_RECURSE all_tests ${PROJECT_SOURCE_DIR}/src/*_test.cc ${PROJECT_SOURCE_DIR}/tests/*_test.cc)
  get_property(registered GLOBAL PROPERTY JZ_REGISTERED_TESTS)
  foreach(t ${all_tests})
    list(FIND registered ${t} idx)
    if(idx EQUAL -1)
      message(FATAL_ERROR "${t} is not part of any test target; add it to a jz_test() call")
    endif()
  endforeach()
endfunction()
