#include "zhishen/domain/case_file.hpp"

namespace zhishen::domain {

std::string mask_id(const std::string& id_number) {
  if (id_number.size() <= 8) return std::string(id_number.size(), '*');
  return id_number.substr(0, 4) + std::string(id_number.size() - 8, '*') + id_number.substr(id_number.size() - 4);
}

}  // namespace zhishen::domain
