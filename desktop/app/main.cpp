// zhishen-desk: the reviewer and supervision workstation.
#include "desk_app.hpp"

wxIMPLEMENT_APP(zhishen::desk::app::DeskApp);
