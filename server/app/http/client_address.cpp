#include "client_address.hpp"

#include <algorithm>
#include <charconv>

namespace zhishen::server {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits on commas (and, in the configuration, spaces), dropping empty pieces.
std::vector<std::string_view> split(std::string_view s, std::string_view separators) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const auto at = s.find_first_of(separators);
    const std::string_view piece = trim(s.substr(0, at));
    if (!piece.empty()) out.push_back(piece);
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

bool parse_address(std::string_view text, Poco::Net::IPAddress& out) {
  return Poco::Net::IPAddress::tryParse(std::string(text), out);
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(std::string_view list) {
  TrustedProxies t;
  for (const std::string_view entry : split(list, ", \t")) {
    const auto slash = entry.find('/');
    Poco::Net::IPAddress address;
    if (!parse_address(entry.substr(0, slash), address)) {
      return make_error("server.config.trusted_proxies",
                        "server.trusted_proxies: \"" + std::string(entry) + "\" is not an IP address or network");
    }
    const unsigned bits = address.family() == Poco::Net::IPAddress::IPv4 ? 32 : 128;
    unsigned prefix = bits;
    if (slash != std::string_view::npos) {
      const std::string_view p = entry.substr(slash + 1);
      const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
      if (ec != std::errc() || end != p.data() + p.size() || p.empty() || prefix > bits) {
        return make_error("server.config.trusted_proxies",
                          "server.trusted_proxies: \"" + std::string(entry) + "\" has a bad prefix length");
      }
    }
    const Poco::Net::IPAddress mask(prefix, address.family());
    t.nets_.push_back({address & mask, mask});
  }
  return t;
}

bool TrustedProxies::contains(const Poco::Net::IPAddress& address) const {
  return std::any_of(nets_.begin(), nets_.end(), [&](const Net& n) {
    return n.address.family() == address.family() && (address & n.mask) == n.address;
  });
}

std::string TrustedProxies::client_of(const std::string& peer, std::string_view forwarded_for) const {
  Poco::Net::IPAddress at;
  if (nets_.empty() || !parse_address(peer, at) || !contains(at)) return peer;
  const auto hops = split(forwarded_for, ",");
  std::string client = peer;
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    Poco::Net::IPAddress hop;
    if (!parse_address(*it, hop)) break;  // a port, a name, "unknown": no address to believe here
    client = hop.toString();
    if (!contains(hop)) break;
  }
  return client;
}

}  // namespace zhishen::server
