# PostgreSQL probing benchmark (not a ctest test): bench_postgres_probes against a running lab
# node, e.g. after scripts/lab up. Included from this folder's CMakeLists.txt.
add_executable(bench_postgres_probes ${CMAKE_CURRENT_LIST_DIR}/bench_postgres_probes.cpp)
target_link_libraries(bench_postgres_probes PRIVATE console_build_settings console_postgres)
