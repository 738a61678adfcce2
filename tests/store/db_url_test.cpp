#include "zhishen/store/db_url.hpp"

#include <gtest/gtest.h>

namespace zhishen::store {
namespace {

DbUrl parsed(std::string_view text) {
  auto r = DbUrl::parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : DbUrl{};
}

void expect_invalid(std::string_view text) {
  auto r = DbUrl::parse(text);
  ASSERT_FALSE(r.ok()) << text;
  EXPECT_EQ(r.error().id, "store.url.invalid") << text;
}

TEST(DbUrl, SqliteRelativePath) {
  const DbUrl u = parsed("sqlite:data/zhishen.db");
  EXPECT_EQ(u.kind, DbUrl::Kind::sqlite);
  EXPECT_EQ(u.path, "data/zhishen.db");
}

TEST(DbUrl, SqliteAbsolutePath) {
  const DbUrl u = parsed("sqlite:/var/lib/zhishen/zhishen.db");
  EXPECT_EQ(u.kind, DbUrl::Kind::sqlite);
  EXPECT_EQ(u.path, "/var/lib/zhishen/zhishen.db");
}

TEST(DbUrl, SqliteInMemory) {
  const DbUrl u = parsed("sqlite::memory:");
  EXPECT_EQ(u.kind, DbUrl::Kind::sqlite);
  EXPECT_EQ(u.path, ":memory:");
}

TEST(DbUrl, MysqlWithPort) {
  const DbUrl u = parsed("mysql://zhishen:secret@db.example.cn:3307/zhishen");
  EXPECT_EQ(u.kind, DbUrl::Kind::mysql);
  EXPECT_EQ(u.user, "zhishen");
  EXPECT_EQ(u.password, "secret");
  EXPECT_EQ(u.host, "db.example.cn");
  EXPECT_EQ(u.port, 3307);
  EXPECT_EQ(u.database, "zhishen");
  EXPECT_EQ(u.socket, "");
}

TEST(DbUrl, MysqlDefaultPort) {
  const DbUrl u = parsed("mysql://zhishen:secret@127.0.0.1/zhishen_test");
  EXPECT_EQ(u.host, "127.0.0.1");
  EXPECT_EQ(u.port, 3306);
  EXPECT_EQ(u.database, "zhishen_test");
}

TEST(DbUrl, MysqlSocket) {
  const DbUrl u = parsed("mysql://zhishen:secret@localhost/zhishen?socket=/run/mysqld/mysqld.sock");
  EXPECT_EQ(u.host, "localhost");
  EXPECT_EQ(u.database, "zhishen");
  EXPECT_EQ(u.socket, "/run/mysqld/mysqld.sock");
  EXPECT_EQ(parsed("mysql://u:p@localhost/db?socket=%2Ftmp%2Fa%20b.sock").socket, "/tmp/a b.sock");
}

TEST(DbUrl, PercentEncodedUserAndPassword) {
  const DbUrl u = parsed("mysql://%E5%AE%A1%E6%89%B9:p%40ss%3Aw%2Frd%25@db:3306/zhishen");
  EXPECT_EQ(u.user, "审批");
  EXPECT_EQ(u.password, "p@ss:w/rd%");
  EXPECT_EQ(u.host, "db");
}

TEST(DbUrl, EmptyPasswordAndIpv6Host) {
  const DbUrl u = parsed("mysql://reader@[::1]:3310/zhishen");
  EXPECT_EQ(u.user, "reader");
  EXPECT_EQ(u.password, "");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, 3310);
}

TEST(DbUrl, MissingOrBadPartsAreInvalid) {
  expect_invalid("");
  expect_invalid("zhishen.db");
  expect_invalid("postgres://u:p@h/db");
  expect_invalid("sqlite:");
  expect_invalid("mysql://");
  expect_invalid("mysql://u:p@h");             // no database
  expect_invalid("mysql://u:p@h/");            // empty database
  expect_invalid("mysql://u:p@/db");           // no host
  expect_invalid("mysql://u:p@:3306/db");      // no host
  expect_invalid("mysql://h/db");              // no user
  expect_invalid("mysql://:p@h/db");           // empty user
  expect_invalid("mysql://u:p@h:/db");         // empty port
  expect_invalid("mysql://u:p@h:0/db");
  expect_invalid("mysql://u:p@h:65536/db");
  expect_invalid("mysql://u:p@h:33a/db");
  expect_invalid("mysql://u:p@h/db/extra");
  expect_invalid("mysql://u:p%zz@h/db");       // bad percent-encoding
  expect_invalid("mysql://u:p%4@h/db");
  expect_invalid("mysql://u:p@h/db?sock=/x");  // unknown option
  expect_invalid("mysql://u:p@h/db?socket=");
  expect_invalid("mysql://u:p@[::1/db");
}

TEST(DbUrl, ErrorsNeverShowThePassword) {
  auto r = DbUrl::parse("mysql://u:TopSecret99@h:99999/db");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.find("TopSecret99"), std::string::npos) << r.error().message;
}

TEST(DbUrl, RedactedHidesThePassword) {
  const DbUrl u = parsed("mysql://zhishen:p%40ss%3Aword@127.0.0.1:3307/zhishen_test");
  const std::string r = u.redacted();
  EXPECT_EQ(r, "mysql://zhishen:***@127.0.0.1:3307/zhishen_test");
  EXPECT_EQ(r.find("p@ss"), std::string::npos);
  EXPECT_EQ(parsed("mysql://u:pw@localhost/db?socket=/run/m.sock").redacted(),
            "mysql://u:***@localhost:3306/db?socket=/run/m.sock");
  EXPECT_EQ(parsed("sqlite:/var/lib/z.db").redacted(), "sqlite:/var/lib/z.db");
}

TEST(DbUrl, RedactedUrlParsesBackToTheSameTarget) {
  const DbUrl u = parsed("mysql://%E5%AE%A1%E6%89%B9:pw@[::1]:3310/zhishen");
  const DbUrl back = parsed(u.redacted());
  EXPECT_EQ(back.user, u.user);
  EXPECT_EQ(back.host, u.host);
  EXPECT_EQ(back.port, u.port);
  EXPECT_EQ(back.database, u.database);
  EXPECT_EQ(back.password, "***");
}

}  // namespace
}  // namespace zhishen::store
