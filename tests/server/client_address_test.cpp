// TrustedProxies: which X-Forwarded-For address the server takes as the client's, and the
// configuration's bad entries.
#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace zhishen::server {
namespace {

TrustedProxies proxies(std::string_view list) {
  auto t = TrustedProxies::parse(list);
  EXPECT_TRUE(t.ok()) << list;
  return t.ok() ? std::move(t).value() : TrustedProxies();
}

Poco::Net::IPAddress ip(const std::string& s) { return Poco::Net::IPAddress(s); }

TEST(TrustedProxies, AddressesAndNetworksOfBothFamilies) {
  const auto t = proxies(" 10.0.0.5, 192.168.0.0/16 2001:db8::/32\t::1,");
  EXPECT_TRUE(t.contains(ip("10.0.0.5")));
  EXPECT_FALSE(t.contains(ip("10.0.0.6")));
  EXPECT_TRUE(t.contains(ip("192.168.200.1")));
  EXPECT_FALSE(t.contains(ip("192.169.0.1")));
  EXPECT_TRUE(t.contains(ip("2001:db8:ffff::7")));
  EXPECT_FALSE(t.contains(ip("2001:db9::7")));
  EXPECT_TRUE(t.contains(ip("::1")));
  EXPECT_FALSE(t.contains(ip("127.0.0.1")));
  EXPECT_TRUE(proxies("0.0.0.0/0").contains(ip("8.8.8.8")));
  EXPECT_TRUE(proxies("").empty());
  EXPECT_TRUE(proxies(" , ").empty());
}

TEST(TrustedProxies, BadEntriesAreAConfigurationError) {
  for (const char* bad : {"10.0.0.256", "proxy.example", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/x",
                          "10.0.0.0/8/8", "10.0.0.1:8080", "10.0.0.0/-1"}) {
    const auto t = TrustedProxies::parse(std::string("127.0.0.1, ") + bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().id, "server.config.trusted_proxies") << bad;
    EXPECT_NE(t.error().message.find(bad), std::string::npos) << t.error().message;
  }
}

TEST(TrustedProxies, TheClientIsTheLastAddressNotATrustedProxy) {
  const auto t = proxies("127.0.0.1, 10.1.0.0/16");
  // Not from a trusted proxy: the header is whatever the client wrote, not believed.
  EXPECT_EQ(t.client_of("203.0.113.9", "198.51.100.1"), "203.0.113.9");
  // From the proxy: the address it added.
  EXPECT_EQ(t.client_of("127.0.0.1", "198.51.100.1"), "198.51.100.1");
  // Through two trusted proxies; what the client put to the left is its own claim.
  EXPECT_EQ(t.client_of("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.1.2.3"), "198.51.100.1");
  EXPECT_EQ(t.client_of("127.0.0.1", " 6.6.6.6 ,198.51.100.1,10.1.2.3 "), "198.51.100.1");
  // Every hop a trusted proxy: the farthest.
  EXPECT_EQ(t.client_of("127.0.0.1", "10.1.0.9, 10.1.0.8"), "10.1.0.9");
  // No header, or nothing usable next to the proxy: the proxy's address.
  EXPECT_EQ(t.client_of("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(t.client_of("127.0.0.1", "unknown"), "127.0.0.1");
  EXPECT_EQ(t.client_of("127.0.0.1", "198.51.100.1, 10.1.0.9:4711"), "127.0.0.1");
  EXPECT_EQ(t.client_of("127.0.0.1", "198.51.100.1, unknown, 10.1.0.9"), "10.1.0.9");
  // IPv6 clients, written the one way whatever way the header wrote them.
  EXPECT_EQ(t.client_of("127.0.0.1", "2001:DB8:0:0::1"), "2001:db8::1");
  // Nothing trusted: always the peer.
  EXPECT_EQ(proxies("").client_of("127.0.0.1", "198.51.100.1"), "127.0.0.1");
}

}  // namespace
}  // namespace zhishen::server
