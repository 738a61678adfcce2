# zhishen_sanitizers: an INTERFACE target that turns on ASan and UBSan when ZHISHEN_SANITIZE is ON.
# Link it PRIVATE into every target the project owns (libraries and executables alike).
add_library(zhishen_sanitizers INTERFACE)
if(ZHISHEN_SANITIZE)
  target_compile_options(zhishen_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(zhishen_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
