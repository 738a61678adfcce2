#pragma once
// Reading a whole file, and a JSON document from a file, with error ids the CLI prints:
// cli.file.unreadable, and json.parse.* with the file name in the message.

#include <string>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::cli {

Result<std::string> read_file(const std::string& path);
Result<json::Value> read_json_file(const std::string& path);

}  // namespace zhishen::cli
