# Sources of the demo group of zhishen_server_lib: seeding a fresh database with demo data.
target_sources(zhishen_server_lib PRIVATE ${CMAKE_CURRENT_LIST_DIR}/demo_seed.cpp ${CMAKE_CURRENT_LIST_DIR}/demo_cases.cpp
  ${CMAKE_CURRENT_LIST_DIR}/demo_plans.cpp)
