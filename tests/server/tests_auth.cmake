# Tests of the auth group (see tests/server/CMakeLists.txt): staff login, permissions, directory admin.
zhishen_add_test(zhishen_server_auth_tests
  SOURCES session_test.cpp admin_directory_test.cpp
  LIBS zhishen_server_test_support
  LABELS integration)
