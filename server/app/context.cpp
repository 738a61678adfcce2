#include "context.hpp"

namespace zhishen::server {

std::optional<domain::Channel> ServerContext::channel_by_token_hash(const std::string& hash) const {
  std::lock_guard lock(channels_mu_);
  auto it = channels_.find(hash);
  if (it == channels_.end()) return std::nullopt;
  return it->second;
}

void ServerContext::set_channels(const std::vector<domain::Channel>& channels) {
  std::lock_guard lock(channels_mu_);
  channels_.clear();
  for (const auto& c : channels) {
    if (c.active && !c.revoked_at) channels_[c.token_hash] = c;
  }
}

}  // namespace zhishen::server
