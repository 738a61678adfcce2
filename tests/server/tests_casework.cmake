# Tests of the casework group (see tests/server/CMakeLists.txt): the staff API for cases — flows,
# permissions and department scope, the inbox — over a real socket on SQLite and MariaDB.
zhishen_add_test(zhishen_server_casework_tests
  SOURCES casework_fixture.cpp casework_test.cpp casework_access_test.cpp casework_inbox_test.cpp
  LIBS zhishen_server_test_support
  LABELS integration)
