#include "connector.hpp"

namespace zhishen::desk::app {

Result<Api*> AppConnector::connect(const std::string& address) {
  std::lock_guard l(mu_);
  if (api_ && address == address_) return static_cast<Api*>(api_.get());
  auto t = HttpsTransport::make(address, trust_, std::chrono::milliseconds(10000));
  if (!t) return t.error();
  api_.reset();
  transport_ = std::move(t).value();
  api_ = std::make_unique<HttpApi>(*transport_);
  address_ = address;
  return static_cast<Api*>(api_.get());
}

HttpApi* AppConnector::api() {
  std::lock_guard l(mu_);
  return api_.get();
}

}  // namespace zhishen::desk::app
