# PgLab: a fixture that runs scripts/lab so that integration tests get real PostgreSQL clusters.
# Included from this folder's CMakeLists.txt; kept apart so that its owner edits only this file.
add_library(console_pglab STATIC
    ${CMAKE_CURRENT_LIST_DIR}/pglab.h
    ${CMAKE_CURRENT_LIST_DIR}/pglab.cpp
)
target_include_directories(console_pglab PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(console_pglab PUBLIC Qt6::Core PRIVATE console_build_settings)
target_compile_definitions(console_pglab PRIVATE CONSOLE_SOURCE_DIR="${CMAKE_SOURCE_DIR}")

# scripts/lab's fence and rejoin (failover and failback) on real clusters (label: lab).
console_add_test(NAME tst_labfailback SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_labfailback.cpp
                 LIBS console_pglab LABELS lab TIMEOUT 300)
