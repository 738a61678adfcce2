# Sources of the casework group of zhishen_server_lib.
target_sources(zhishen_server_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/services/casework.cpp
  ${CMAKE_CURRENT_LIST_DIR}/services/case_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/services/case_followups.cpp
  ${CMAKE_CURRENT_LIST_DIR}/services/inbox.cpp)
