add_executable(crl_writer_bench ${CMAKE_CURRENT_LIST_DIR}/crl_writer_bench.cpp)
target_link_libraries(crl_writer_bench PRIVATE ct_crypto)
