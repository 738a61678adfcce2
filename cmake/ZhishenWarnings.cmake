# zhishen_warnings: an INTERFACE target carrying the project's warning flags.
# Link it PRIVATE into every target the project owns; third-party headers are not affected.
add_library(zhishen_warnings INTERFACE)
target_compile_options(zhishen_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  -Wformat=2 -Wmisleading-indentation -Wduplicated-cond -Wlogical-op)
if(ZHISHEN_WARNINGS_AS_ERRORS)
  target_compile_options(zhishen_warnings INTERFACE -Werror)
endif()
