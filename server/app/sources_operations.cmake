# Sources of the operations group of zhishen_server_lib.
target_sources(zhishen_server_lib PRIVATE)
# Notifications (outbox sender and its senders) and catalogue administration.
target_sources(zhishen_server_lib PRIVATE services/notification_senders.cpp services/outbox_sender.cpp)
target_sources(zhishen_server_lib PRIVATE services/admin_support.cpp services/catalogue_admin.cpp)
target_sources(zhishen_server_lib PRIVATE services/catalogue_admin_data.cpp services/dataset_csv.cpp)
# Supervision (board, overdue list, tickets), statistics; the timer itself is timer.cpp.
target_sources(zhishen_server_lib PRIVATE services/supervision.cpp services/supervision_board.cpp services/statistics.cpp
  services/period.cpp)
# Printed documents (zhishen_reports): case documents and the ledger.
target_sources(zhishen_server_lib PRIVATE handlers/documents.cpp services/documents.cpp)
target_link_libraries(zhishen_server_lib PUBLIC zhishen_reports)
