# console_add_test(NAME tst_foo SOURCES a.cpp LIBS lib... LABELS unit [GUI] [TIMEOUT s])
# Registers one Qt Test executable with CTest. GUI tests run on the offscreen platform.
# Every test gets its own HOME and XDG folders under test-home/<name>/ in the build folder, so it
# never touches the real user's settings, caches or ~/.pgpass, and tests running in parallel
# never share a runtime folder.
function(console_add_test)
    cmake_parse_arguments(T "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE console_build_settings Qt6::Test ${T_LIBS})
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    set(home "${CMAKE_BINARY_DIR}/test-home/${T_NAME}")
    foreach(dir runtime config data cache)
        file(MAKE_DIRECTORY "${home}/${dir}")
    endforeach()
    # Qt ignores a runtime folder that others may enter.
    file(CHMOD "${home}/runtime" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
    set(env
        "HOME=${home}"
        "XDG_RUNTIME_DIR=${home}/runtime"
        "XDG_CONFIG_HOME=${home}/config"
        "XDG_DATA_HOME=${home}/data"
        "XDG_CACHE_HOME=${home}/cache"
        "QT_QPA_PLATFORM=offscreen")
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${env}")
endfunction()
