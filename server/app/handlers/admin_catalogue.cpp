// Scaffold: registers no route yet; its group's engineer fills it in this session.
#include "routes.hpp"

namespace zhishen::server {

void add_admin_catalogue_routes(Router&) {}

}  // namespace zhishen::server
