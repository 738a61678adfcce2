# zhishen_warnings: an INTERFACE target carrying the project's warning flags.
# Link it PRIVATE into every target the project owns; third-party headers are not affected.
# (No -Wnull-dereference: at -O3 GCC 12 reports false positives inside libstdc++ streams.
# -Wno-restrict: GCC 12 bug 105329, false -Wrestrict on std::string concatenation at -O3.)
add_library(zhishen_warnings INTERFACE)
target_compile_options(zhishen_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  -Wformat=2 -Wmisleading-indentation -Wduplicated-cond -Wlogical-op -Wno-restrict)
if(ZHISHEN_WARNINGS_AS_ERRORS)
  target_compile_options(zhishen_warnings INTERFACE -Werror)
endif()
