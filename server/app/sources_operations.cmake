# Sources of the operations group of zhishen_server_lib.
target_sources(zhishen_server_lib PRIVATE)
