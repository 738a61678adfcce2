#pragma once
// TrustedProxies: the reverse proxies (server.trusted_proxies) whose X-Forwarded-For header the
// server believes when it needs a client's address (the per-address limit of the public
// certificate checks). Behind a proxy every request comes from the proxy's address; without this
// list all clients would share one limit, and with a header believed from anyone a client could
// name any address it likes.
//
// Ownership: a value; the server parses it once at start. Thread-safety: const after parse().

#include <string>
#include <string_view>
#include <vector>

#include <Poco/Net/IPAddress.h>

#include "zhishen/core/error.hpp"

namespace zhishen::server {

class TrustedProxies {
 public:
  // "10.0.0.5, 192.168.0.0/16, ::1": addresses and networks separated by commas or spaces (empty:
  // no proxy is trusted). A bad entry is server.config.trusted_proxies.
  static Result<TrustedProxies> parse(std::string_view list);

  bool empty() const { return nets_.empty(); }
  bool contains(const Poco::Net::IPAddress& address) const;

  // The client's address for a request from `peer` carrying `forwarded_for` (the X-Forwarded-For
  // values, joined by commas). The peer itself unless it is a trusted proxy; else the last address
  // in the header that is not a trusted proxy (what a client wrote to the left of it is its own
  // claim, not believed). The peer when the header is missing, or holds something not an address
  // where the search stops.
  std::string client_of(const std::string& peer, std::string_view forwarded_for) const;

 private:
  struct Net {
    Poco::Net::IPAddress address;  // already masked
    Poco::Net::IPAddress mask;
  };
  std::vector<Net> nets_;
};

}  // namespace zhishen::server
