#pragma once
// Route registration, one function per group of endpoints (one file each under handlers/).

#include "../http/router.hpp"

namespace zhishen::server {

void add_system_routes(Router& r);    // /healthz, /metrics, /api/v1/openapi.json
void add_channel_routes(Router& r);   // precheck, applications, progress, corrections, evaluation
void add_session_routes(Router& r);   // staff login (password + TOTP), logout, who am I
void add_admin_directory_routes(Router& r);  // departments, users, channels
void add_casework_routes(Router& r);  // inbox, case detail, actions (handlers/casework.cpp)
void add_supervision_routes(Router& r);  // board, overdue, tickets, statistics
void add_admin_catalogue_routes(Router& r);  // items and rule-set versions, holidays, datasets
void add_document_routes(Router& r);  // case documents and the ledger as PDF/CSV
void add_certificate_routes(Router& r);  // e-certificates: verification, revocation lists, keys

// All routes, in the order the OpenAPI document lists them.
inline void add_all_routes(Router& r) {
  add_system_routes(r);
  add_channel_routes(r);
  add_session_routes(r);
  add_casework_routes(r);
  add_supervision_routes(r);
  add_document_routes(r);
  add_certificate_routes(r);
  add_admin_directory_routes(r);
  add_admin_catalogue_routes(r);
}

}  // namespace zhishen::server
