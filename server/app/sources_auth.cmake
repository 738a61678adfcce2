# Sources of the auth group of zhishen_server_lib.
target_sources(zhishen_server_lib PRIVATE)
