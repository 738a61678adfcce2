#pragma once
// First start of an empty database: imports the shipped holiday notices, item catalogue (each item
// as version 1, active, its department created from the guide) and shared datasets. Later starts
// import nothing: administrators change these through the admin API. Then loads the in-memory
// snapshots (calendar, catalogue, datasets, channels) into the context.
// Thread-safety: start-up only.

#include "context.hpp"
#include "zhishen/core/error.hpp"

namespace zhishen::server {

Status import_if_empty(ServerContext& ctx);
Status load_snapshots(ServerContext& ctx);

}  // namespace zhishen::server
