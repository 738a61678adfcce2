# Tests of the casework group (see tests/server/CMakeLists.txt).
