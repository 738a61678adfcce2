// Catalogue administration of the data behind decisions and deadlines, over HTTPS on SQLite and
// MariaDB: a holiday-calendar edit moves the due date of an open case; a CSV dataset import
// reports its rejected rows and changes the next decision.
#include <map>

#include "admin_fixture.hpp"
#include "services/dataset_csv.hpp"

namespace zhishen::server::testing {
namespace {

using AdminData = AdminTest;

std::string recheck_due(const Reply& progress) {
  for (const auto& d : progress.body.find("deadlines")->as_array()) {
    if (d.find("kind")->as_string() == "recheck") return d.find("due")->as_string();
  }
  return {};
}

TEST_P(AdminData, ACalendarEditMovesTheDueDateOfAnOpenCase) {
  auto submitted = submit("approved_convenience_store.json");  // Monday 2025-03-03: 1 working day to re-check
  ASSERT_EQ(submitted.status, 201) << submitted.text;
  const std::string no = submitted.body.find("case_no")->as_string();
  auto before = server_->call("GET", "/api/v1/applications/" + no, "", channel_);
  ASSERT_EQ(before.status, 200) << before.text;
  const std::string due_before = recheck_due(before);
  ASSERT_EQ(due_before, "2025-03-05T00:00:00+08:00") << "the end of Tuesday 2025-03-04: " << before.text;
  std::optional<Instant> stored_before;
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    stored_before = tx.cases().load(no)->due_at;
    return {};
  });

  json::Value notice = read_json("data/holidays/2025.json");
  json::Array days = notice.find("days")->as_array();
  days.push_back(json::Object{{"name", "临时休假（测试）"}, {"date", "2025-03-04"}, {"isOffDay", true}});
  notice.set("days", std::move(days));
  auto put = server_->call_json("PUT", "/api/v1/admin/calendar/2025", notice, admin_);
  ASSERT_EQ(put.status, 200) << put.text;
  EXPECT_GE(put.body.find("deadlines_changed")->as_number(), 1);
  EXPECT_GE(put.body.find("open_cases_checked")->as_number(), 1);

  auto after = server_->call("GET", "/api/v1/applications/" + no, "", channel_);
  const std::string due_after = recheck_due(after);
  EXPECT_EQ(due_after, "2025-03-06T00:00:00+08:00") << "the end of Wednesday 2025-03-05: " << after.text;
  std::optional<Instant> stored_after;
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    stored_after = tx.cases().load(no)->due_at;
    return {};
  });
  ASSERT_TRUE(stored_before && stored_after);
  EXPECT_EQ(*stored_after - *stored_before, std::chrono::hours{24}) << "the stored due_at column moved too";

  auto year = server_->call("GET", "/api/v1/admin/calendar/2025", "", admin_);
  ASSERT_EQ(year.status, 200) << year.text;
  EXPECT_NE(year.text.find("临时休假（测试）"), std::string::npos);
  auto years = server_->call("GET", "/api/v1/admin/calendar", "", admin_);
  EXPECT_GE(years.body.find("years")->as_array().size(), 20u);

  EXPECT_EQ(server_->call_json("PUT", "/api/v1/admin/calendar/2026", notice, admin_).error_id(),
            "calendar.file.year_mismatch");
  EXPECT_EQ(server_->call_json("PUT", "/api/v1/admin/calendar/20x5", notice, admin_).error_id(), "calendar.year.invalid");
  auto bad = server_->call_json("PUT", "/api/v1/admin/calendar/2025", json::Object{{"year", 2025}}, admin_);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.error_id(), "calendar.file.schema");
  EXPECT_EQ(server_->call("GET", "/api/v1/admin/calendar/1999", "", admin_).error_id(), "calendar.year.not_found");
}

TEST_P(AdminData, ACsvImportReportsRejectedRowsAndChangesTheNextDecision) {
  const std::string csv =
      "key,name,list,reason\r\n"                                                            // 1
      "91350102MA2YK3T70Y,福州鑫悦便利连锁有限公司,严重违法失信名单,\"测试, 含逗号\"\r\n"  // 2
      ",无名,名单,原因\r\n"                                                                 // 3 empty key
      "91350102MA2YK3T70Y,重复,名单,原因\r\n"                                               // 4 duplicate
      "92350111MA33RE1K0R,太少\r\n"                                                         // 5 columns
      "X1,\"a\"b,c,d\r\n"                                                                   // 6 quoting
      "X2,\"两行\n名称\",名单,\"他说\"\"是\"\"\"\r\n"                                       // 7-8
      "\r\n"                                                                                // 9 blank
      "X3,\"never closed,c,d\r\n"                                                           // 10 quoting
      "X4,好,名单,\r\n";                                                                    // 11
  auto r = post_as("/api/v1/admin/datasets/credit_blacklist", csv, "text/csv; charset=utf-8", admin_);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body.find("imported")->as_number(), 3);  // lines 2, 7 and 11
  std::map<int, std::string> rejected;
  for (const auto& row : r.body.find("rejected")->as_array()) {
    rejected[static_cast<int>(row.find("line")->as_number())] = row.find("id")->as_string();
    EXPECT_EQ(row.find("reason")->as_string().find("91350102MA2YK3T70Y"), std::string::npos) << "no key in reasons";
  }
  const std::map<int, std::string> want = {
      {3, "csv.key.empty"}, {4, "csv.key.duplicate"}, {5, "csv.columns"}, {6, "csv.quote"}, {10, "csv.quote"}};
  EXPECT_EQ(rejected, want) << r.text;

  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    auto x2 = tx.catalogue().dataset_record("credit_blacklist", "X2");
    EXPECT_TRUE(x2.has_value());
    if (x2) {
      EXPECT_EQ(x2->find("name")->as_string(), "两行\n名称");
      EXPECT_EQ(x2->find("reason")->as_string(), "他说\"是\"");
    }
    auto x4 = tx.catalogue().dataset_record("credit_blacklist", "X4");
    EXPECT_TRUE(x4 && x4->find("reason") == nullptr) << "an empty cell is left out";
    EXPECT_EQ(tx.catalogue().dataset("credit_blacklist").size(), 3u);
    return {};
  });
  auto decided = submit("approved_convenience_store.json");
  ASSERT_EQ(decided.status, 201) << decided.text;
  EXPECT_EQ(decided.body.find("outcome")->as_string(), "manual_review") << "the applicant is now on the blacklist";

  auto listed = server_->call("GET", "/api/v1/admin/datasets", "", admin_);
  for (const auto& d : listed.body.find("datasets")->as_array()) {
    if (d.find("name")->as_string() == "credit_blacklist") {
      EXPECT_EQ(d.find("records")->as_number(), 3);
    }
  }
}

TEST_P(AdminData, CsvImportRefusals) {
  const std::string path = "/api/v1/admin/datasets/credit_blacklist";
  auto dry = post_as(path + "?dry_run=true", "key,name\nK1,n\n", "text/csv", admin_);
  ASSERT_EQ(dry.status, 200) << dry.text;
  EXPECT_TRUE(dry.body.find("dry_run")->as_bool());
  EXPECT_EQ(dry.body.find("imported")->as_number(), 1);
  std::size_t shipped = 0;
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    shipped = tx.catalogue().dataset("credit_blacklist").size();
    return {};
  });
  EXPECT_GT(shipped, 1u) << "a dry run stores nothing";

  auto none = post_as(path, "key,name\n,nameless\n", "text/csv", admin_);
  EXPECT_EQ(none.status, 422);
  EXPECT_EQ(none.error_id(), "dataset.csv.no_rows");
  EXPECT_EQ(none.body.find("error")->find("rejected")->as_array().size(), 1u);
  EXPECT_EQ(post_as(path, "name,key\nx,y\n", "text/csv", admin_).error_id(), "dataset.csv.header");
  EXPECT_EQ(post_as(path, "", "text/csv", admin_).error_id(), "dataset.csv.empty");
  EXPECT_EQ(post_as("/api/v1/admin/datasets/Bad-Name", "key,a\nk,v\n", "text/csv", admin_).error_id(),
            "dataset.name.invalid");
  auto json = post_as(path, "{}", "application/json", admin_);
  EXPECT_EQ(json.status, 415);
  EXPECT_EQ(json.error_id(), "http.content_type");
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    EXPECT_EQ(tx.catalogue().dataset("credit_blacklist").size(), shipped) << "refused imports change nothing";
    return {};
  });
}

TEST(DatasetCsv, ByteOrderMarkLineEndsAndTheLastLineWithoutANewline) {
  auto d = parse_dataset_csv("\xEF\xBB\xBFkey, name \nA,\"x,\r\ny\"\r\n\n  \nB,z");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->fields, std::vector<std::string>{"name"});
  ASSERT_EQ(d->records.size(), 2u);
  EXPECT_EQ(d->records.at("A").find("name")->as_string(), "x,\r\ny");
  EXPECT_EQ(d->records.at("B").find("name")->as_string(), "z");
  EXPECT_TRUE(d->rejected.empty());
  auto bad = parse_dataset_csv("key,name\nC,\xFF\n");
  ASSERT_TRUE(bad.ok());
  ASSERT_EQ(bad->rejected.size(), 1u);
  EXPECT_EQ(bad->rejected[0].id, "csv.encoding");
  EXPECT_EQ(bad->rejected[0].line, 2u);
  EXPECT_EQ(parse_dataset_csv("key,name,name\n").error().id, "dataset.csv.header");
  EXPECT_EQ(parse_dataset_csv("\n\n").error().id, "dataset.csv.empty");
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminData, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
