# Tests of the auth group (see tests/server/CMakeLists.txt).
