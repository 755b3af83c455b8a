# PostgreSQL probing benchmark (not a ctest test): bench_postgres_probes against a running lab
# node, e.g. after scripts/lab up. Included from this folder's CMakeLists.txt.
add_executable(bench_postgres_probes ${CMAKE_CURRENT_LIST_DIR}/bench_postgres_probes.cpp)
target_link_libraries(bench_postgres_probes PRIVATE console_build_settings console_postgres)

# Failover benchmark client (not a ctest test): commits a row every 100 ms through a multi-host
# connection string and logs what the application sees; driven by scripts/bench-failover.
add_executable(bench_failover_client ${CMAKE_CURRENT_LIST_DIR}/bench_failover_client.cpp)
target_link_libraries(bench_failover_client PRIVATE console_build_settings PkgConfig::LIBPQ)
