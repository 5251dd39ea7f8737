# chungthu_layer(NAME DEPS <targets...> [PUBLIC_LIBS <libs...>] [PRIVATE_LIBS <libs...>])
# Layers the build enforces: a layer's code (and its tests, and whatever links it) finds the
# headers of src/ only through build/layers/L/ of itself and of the layers it links, directly or
# not (chungthu_layer_view). `#include "server/…"` from pki fails to compile: no such file.
# A layer is one folder under src/ and one static library `ct_<NAME>`. Its sources are the
# folder's *.cpp files except *_test.cpp (unit tests, one test binary per layer) and
# *_fuzz.cpp (libFuzzer targets, built only with CHUNGTHU_FUZZ).
# POSTGRES_TESTS (or the layer's name in CHUNGTHU_POSTGRES_LAYERS): the layer's tests also run
# against PostgreSQL: they need the `postgres` CTest fixture (a private cluster, see
# scripts/pg-test-cluster.sh) and get its URL in CHUNGTHU_TEST_POSTGRES_URL.
function(chungthu_layer name)
  cmake_parse_arguments(L "POSTGRES_TESTS" "" "DEPS;PUBLIC_LIBS;PRIVATE_LIBS;TEST_LIBS" ${ARGN})
  if(name IN_LIST CHUNGTHU_POSTGRES_LAYERS)
    set(L_POSTGRES_TESTS ON)
  endif()
  file(GLOB_RECURSE all CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  set(srcs)
  set(tests)
  set(fuzzers)
  foreach(f ${all})
    if(f MATCHES "_test\\.cpp$")
      list(APPEND tests ${f})
    elseif(f MATCHES "_fuzz\\.cpp$")
      list(APPEND fuzzers ${f})
    else()
      list(APPEND srcs ${f})
    endif()
  endforeach()
  add_library(ct_${name} STATIC ${srcs})
  target_include_directories(ct_${name} PUBLIC $<BUILD_INTERFACE:${CMAKE_BINARY_DIR}/layers/${name}>)
  chungthu_layer_view(${name})
  target_link_libraries(ct_${name} PUBLIC ${L_DEPS} ${L_PUBLIC_LIBS} PRIVATE ${L_PRIVATE_LIBS})
  chungthu_warnings(ct_${name})
  if(CHUNGTHU_TESTS AND tests)
    add_executable(ct_${name}_tests ${tests})
    target_link_libraries(ct_${name}_tests PRIVATE ct_${name} ${L_PRIVATE_LIBS} ${L_TEST_LIBS} GTest::gtest GTest::gtest_main)
    target_compile_definitions(ct_${name}_tests PRIVATE CT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    chungthu_warnings(ct_${name}_tests)
    # The store's backend list (for fixtures that may run on PostgreSQL), in every layer above it.
    if(TARGET ct_store_testing)
      target_link_libraries(ct_${name}_tests PRIVATE ct_store_testing)
    endif()
    if(L_POSTGRES_TESTS)
      gtest_discover_tests(ct_${name}_tests DISCOVERY_TIMEOUT 60
        PROPERTIES ENVIRONMENT "CT_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
                   ENVIRONMENT_MODIFICATION "CHUNGTHU_TEST_POSTGRES_URL=set:${CHUNGTHU_TEST_POSTGRES_URL}"
                   FIXTURES_REQUIRED postgres)
    else()
      gtest_discover_tests(ct_${name}_tests DISCOVERY_TIMEOUT 60
        PROPERTIES ENVIRONMENT "CT_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
    endif()
  endif()
  # Each fuzzer runs as a test for CHUNGTHU_FUZZ_SECONDS, seeded from tests/data/<name>/ when
  # that folder exists; new inputs go to a scratch corpus in the build tree.
  if(CHUNGTHU_FUZZ AND fuzzers)
    target_compile_options(ct_${name} PRIVATE -fsanitize=fuzzer-no-link)
    foreach(f ${fuzzers})
      get_filename_component(fname ${f} NAME_WE)
      add_executable(${fname} ${f})
      target_compile_options(${fname} PRIVATE -fsanitize=fuzzer)
      target_link_options(${fname} PRIVATE -fsanitize=fuzzer)
      target_link_libraries(${fname} PRIVATE ct_${name} ${L_PRIVATE_LIBS})
      string(REGEX REPLACE "_fuzz$" "" seed_name ${fname})
      set(corpus ${CMAKE_CURRENT_BINARY_DIR}/corpus_${fname})
      file(MAKE_DIRECTORY ${corpus})
      set(seed_dirs)
      foreach(candidate ${PROJECT_SOURCE_DIR}/tests/data/${seed_name} ${PROJECT_SOURCE_DIR}/tests/data/fuzz/${fname})
        if(EXISTS ${candidate})
          list(APPEND seed_dirs ${candidate})
        endif()
      endforeach()
      add_test(NAME fuzz_${fname}
        COMMAND ${fname} -max_total_time=${CHUNGTHU_FUZZ_SECONDS} -rss_limit_mb=2048 -max_len=70000
                ${corpus} ${seed_dirs})
      set_tests_properties(fuzz_${fname} PROPERTIES TIMEOUT 300)
    endforeach()
  endif()
endfunction()

function(chungthu_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  # GCC 12 at -O2 reports -Wrestrict and -Wnull-dereference inside libstdc++'s own inlined string
  # and streambuf code (false positives, none in ours), and -Wmissing-field-initializers for the
  # route tables' designated initializers, whose omitted members have defaults on purpose. Clang
  # (the -Werror test build) keeps -Wnull-dereference.
  target_compile_options(${target} PRIVATE
    $<$<CXX_COMPILER_ID:GNU>:-Wno-missing-field-initializers -Wno-restrict>
    $<$<CXX_COMPILER_ID:Clang>:-Wnull-dereference>)
  if(CHUNGTHU_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(CHUNGTHU_TESTS)
  include(GoogleTest)
endif()

# <layer>_on_postgresql: the layer's whole test binary once more, in one process, with the
# registry fixture on a fresh PostgreSQL database per test (CHUNGTHU_TEST_REGISTRY_BACKEND), on
# the private cluster of the `postgres` CTest fixture.
function(chungthu_tests_on_postgresql name)
  if(NOT CHUNGTHU_TESTS)
    return()
  endif()
  add_test(NAME ${name}_on_postgresql COMMAND ct_${name}_tests)
  set_tests_properties(${name}_on_postgresql PROPERTIES
    ENVIRONMENT "CT_SOURCE_DIR=${PROJECT_SOURCE_DIR};CHUNGTHU_TEST_REGISTRY_BACKEND=postgresql"
    ENVIRONMENT_MODIFICATION "CHUNGTHU_TEST_POSTGRES_URL=set:${CHUNGTHU_TEST_POSTGRES_URL}"
    FIXTURES_REQUIRED postgres TIMEOUT 900)
endfunction()

# The private PostgreSQL cluster of the tests (tests/CMakeLists.txt starts and stops it as the
# `postgres` fixture): its unix socket lives in the build tree, on a port of its own, so it
# never meets a cluster the system runs on 5432.
set(CHUNGTHU_PG_TEST_DIR ${CMAKE_BINARY_DIR}/pg-test)
set(CHUNGTHU_PG_TEST_PORT 55432 CACHE STRING "Port (socket name) of the tests' private PostgreSQL cluster")
set(CHUNGTHU_TEST_POSTGRES_URL
    "postgresql:///postgres?host=${CHUNGTHU_PG_TEST_DIR}/socket&port=${CHUNGTHU_PG_TEST_PORT}&user=chungthu_test")
set(CHUNGTHU_POSTGRES_LAYERS pki CACHE STRING "Layers whose tests also run against PostgreSQL")

# build/layers/NAME/NAME → src/NAME: the include root of one layer. A target sees it when it is
# the layer or links it (usage requirements carry it up the DEPS), and no other way.
function(chungthu_layer_view name)
  set(dir ${CMAKE_BINARY_DIR}/layers/${name})
  file(MAKE_DIRECTORY ${dir})
  if(NOT EXISTS ${dir}/${name})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${name} ${dir}/${name} SYMBOLIC)
  endif()
endfunction()
