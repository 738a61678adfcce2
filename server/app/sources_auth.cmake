# Sources of the auth group of zhishen_server_lib: staff login, permissions, directory administration.
target_sources(zhishen_server_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/services/auth.cpp
  ${CMAKE_CURRENT_LIST_DIR}/services/permissions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/services/directory_admin.cpp)
