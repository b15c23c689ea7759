# Warnings as an INTERFACE target every module links, so one switch governs all.
add_library(creneau_warnings INTERFACE)
target_compile_options(creneau_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(CRENEAU_WERROR)
  target_compile_options(creneau_warnings INTERFACE -Werror)
endif()
