# One INTERFACE target carries every compile flag; every target of the project links it.
option(CONSOLE_WERROR "Treat warnings as errors" OFF)
option(CONSOLE_SANITIZE "Build with address and undefined-behaviour sanitizers" OFF)

add_library(console_build_settings INTERFACE)
target_compile_features(console_build_settings INTERFACE cxx_std_20)
target_compile_options(console_build_settings INTERFACE
    -Wall -Wextra -Wold-style-cast -Wnon-virtual-dtor
    $<$<BOOL:${CONSOLE_WERROR}>:-Werror>
    # GCC 12 at -O2 reports a false stringop-overflow inside Qt 6.4's qstringbuilder.h.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-stringop-overflow>)
target_compile_definitions(console_build_settings INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_FOREACH QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_NO_URL_CAST_FROM_STRING
    CONSOLE_VERSION="${PROJECT_VERSION}")
if(CONSOLE_SANITIZE)
    target_compile_options(console_build_settings INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(console_build_settings INTERFACE -fsanitize=address,undefined)
endif()
