# Tests of the operations group (see tests/server/CMakeLists.txt).
# Notifications (the outbox sender) and catalogue administration, on SQLite and MariaDB.
zhishen_add_test(zhishen_server_outbox_tests
  SOURCES outbox_test.cpp
  LIBS zhishen_server_test_support
  LABELS integration)
zhishen_add_test(zhishen_server_admin_catalogue_tests
  SOURCES admin_catalogue_test.cpp admin_data_test.cpp
  LIBS zhishen_server_test_support
  LABELS integration)
# Supervision (board, overdue list, tickets, statistics) and the timer, on SQLite and MariaDB.
zhishen_add_test(zhishen_server_supervision_tests
  SOURCES supervision_test.cpp
  LIBS zhishen_server_test_support
  LABELS integration)
zhishen_add_test(zhishen_server_timer_tests
  SOURCES timer_test.cpp
  LIBS zhishen_server_test_support
  LABELS integration)
# Printed documents and the ledger (PDF checked with qpdf and pdftotext), on SQLite and MariaDB.
zhishen_add_test(zhishen_server_documents_tests
  SOURCES documents_test.cpp casework_fixture.cpp
  LIBS zhishen_server_test_support
  LABELS integration)
# E-certificates: issue at re-check, verification, recall on revocation, revocation lists, publicity
# (signatures also checked with stock openssl), on SQLite and MariaDB.
zhishen_add_test(zhishen_server_certificates_tests
  SOURCES certificates_test.cpp casework_fixture.cpp
  LIBS zhishen_server_test_support zhishen_cli_lib
  LABELS integration)
