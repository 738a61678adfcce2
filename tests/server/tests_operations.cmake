# Tests of the operations group (see tests/server/CMakeLists.txt).
