# E-certificates (issue 8): signing keys at start, issue, verification, revocation list, publicity.
target_sources(zhishen_server_lib PRIVATE signing_keys.cpp services/certificates.cpp handlers/certificates.cpp)
