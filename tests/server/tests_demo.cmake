# Tests of the demo group (see tests/server/CMakeLists.txt): demo seeding, the generated
# configuration file and key table, and the OpenAPI lint.
zhishen_add_test(zhishen_server_demo_tests
  SOURCES config_docs_test.cpp demo_seed_test.cpp
  LIBS zhishen_server_test_support
  LABELS integration)

# GET /api/v1/openapi.json of a real zhishen-server, validated by a real OpenAPI 3.1 validator from
# npm (openapi_lint/: package-lock.json pins it; `npm ci` runs on demand into the build directory).
add_test(NAME OpenApi.Lint
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/openapi_lint/run-lint.sh $<TARGET_FILE:zhishen-server>
                 ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/openapi_lint)
set_tests_properties(OpenApi.Lint PROPERTIES LABELS integration TIMEOUT 300)
