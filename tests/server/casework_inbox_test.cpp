// The review inbox over a real HTTPS socket on SQLite and MariaDB: filters, deadline order, paging,
// counts per light, department confinement, bad parameters.
#include <set>

#include "casework_fixture.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::server::testing {
namespace {

class Inbox : public CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    if (IsSkipped()) return;
    approved_ = submit(kFoodItem, "approved_convenience_store.json");
    approved2_ = submit(kFoodItem, "approved_cold_chain_with_abnormal_warning.json");
    warned_ = submit(kFoodItem, "approved_tobacco_licence_warning.json");
    manual_ = submit(kFoodItem, "manual_credit_blacklist.json");
    foreign_ = submit(kHygieneItem, "approved_hotel_with_central_ac.json");
  }

  Reply inbox(const std::string& query, const StaffLogin& who) {
    return get("/api/v1/inbox" + (query.empty() ? "" : "?" + query), who.token);
  }

  static std::vector<std::string> case_nos(const Reply& r) {
    std::vector<std::string> out;
    for (const auto& c : r.body.find("cases")->as_array()) out.push_back(c.find("case_no")->as_string());
    return out;
  }

  static std::int64_t total(const Reply& r) { return static_cast<std::int64_t>(r.body.find("total")->as_number()); }

  std::string approved_, approved2_, warned_, manual_, foreign_;
};

std::string encoded(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '+' ? std::string("%2B") : std::string(1, c);
  return out;
}

TEST_P(Inbox, ReviewersSeeTheirDepartmentWhateverTheyAsk) {
  auto mine = inbox("", reviewer_);
  ASSERT_EQ(mine.status, 200) << mine.text;
  EXPECT_EQ(total(mine), 4);
  for (const auto& c : mine.body.find("cases")->as_array()) EXPECT_EQ(c.find("department")->as_string(), "FZ-SCJG");
  auto asked = inbox("department=FZ-WJW", reviewer_);
  EXPECT_EQ(total(asked), 4);
  EXPECT_EQ(case_nos(asked), case_nos(mine));
  EXPECT_EQ(total(inbox("", other_approver_)), 1);
  EXPECT_EQ(total(inbox("", supervisor_)), 5);
  auto chosen = inbox("department=FZ-WJW", supervisor_);
  EXPECT_EQ(case_nos(chosen), std::vector<std::string>{foreign_});
  const json::Value& line = mine.body.find("cases")->as_array()[0];
  for (const char* field : {"case_no", "item_code", "department", "channel", "applicant_name", "applicant_id_masked",
                            "state", "state_label", "decision", "due_at", "light", "assignee_id", "flags",
                            "submitted_at", "version"}) {
    EXPECT_NE(line.find(field), nullptr) << field;
  }
  EXPECT_NE(line.find("applicant_id_masked")->as_string().find('*'), std::string::npos);

  // Time left is working time: the re-check span of an automatic approval is one working day,
  // due at the end of the next working day, so at least that day's office hours and at most today's
  // too, whatever day and hour the test runs.
  EXPECT_EQ(mine.body.find("workday_minutes")->as_number(), 480);
  for (const auto& c : mine.body.find("cases")->as_array()) {
    if (c.find("case_no")->as_string() != approved_) continue;
    ASSERT_TRUE(c.find("working_minutes_left")->is_number()) << json::to_json(c);
    EXPECT_GE(c.find("working_minutes_left")->as_number(), 480);
    EXPECT_LE(c.find("working_minutes_left")->as_number(), 960);
  }
}

TEST_P(Inbox, FiltersByStateItemFlagAndAssignee) {
  EXPECT_EQ(case_nos(inbox("state=manual_review", reviewer_)), std::vector<std::string>{manual_});
  EXPECT_EQ(total(inbox("state=auto_approved,manual_review", reviewer_)), 4);
  EXPECT_EQ(total(inbox("state=completed", reviewer_)), 0);
  EXPECT_EQ(total(inbox("item=" + kHygieneItem, supervisor_)), 1);
  auto warned = inbox("flagged=risk_warning", reviewer_);
  ASSERT_EQ(warned.status, 200) << warned.text;
  const auto flagged = case_nos(warned);
  EXPECT_NE(std::find(flagged.begin(), flagged.end(), warned_), flagged.end());
  for (const auto& c : warned.body.find("cases")->as_array()) {
    bool has = false;
    for (const auto& f : c.find("flags")->as_array()) has = has || f.as_string() == "risk_warning";
    EXPECT_TRUE(has) << c.find("case_no")->as_string();
  }
  // The same applicant through another channel while the first application is open.
  const std::string app_channel = server_->add_channel("app");
  auto dup = server_->call_json("POST", "/api/v1/applications",
                                sample_application(kFoodItem, "manual_credit_blacklist.json"), app_channel,
                                {{"Idempotency-Key", "dup-1"}});
  ASSERT_EQ(dup.status, 201) << dup.text;
  EXPECT_EQ(case_nos(inbox("flagged=duplicate_channel", reviewer_)),
            std::vector<std::string>{dup.body.find("case_no")->as_string()});

  ASSERT_EQ(act(manual_, "claim", reviewer_).status, 200);
  EXPECT_EQ(case_nos(inbox("assignee=me", reviewer_)), std::vector<std::string>{manual_});
  EXPECT_EQ(case_nos(inbox("assignee=" + std::to_string(reviewer_.id), approver_)), std::vector<std::string>{manual_});
  EXPECT_EQ(total(inbox("assignee=none", reviewer_)), 4);
  EXPECT_EQ(total(inbox("assignee=me", approver_)), 0);
}

TEST_P(Inbox, SortedByDeadlineFilteredByDueAndLight) {
  // A case waiting for its correction has no running deadline: it sorts last, with due_at null.
  ASSERT_EQ(act(manual_, "request_correction", reviewer_, {{"items", json::Array{"身份证明"}}}).status, 200);
  auto all = inbox("", reviewer_);
  ASSERT_EQ(all.status, 200) << all.text;
  std::vector<Instant> instants;
  for (const auto& c : all.body.find("cases")->as_array()) {
    if (c.find("due_at")->is_string()) instants.push_back(parse_instant(c.find("due_at")->as_string()).value());
  }
  ASSERT_EQ(instants.size(), 3u);
  EXPECT_TRUE(std::is_sorted(instants.begin(), instants.end()));
  EXPECT_EQ(case_nos(all).back(), manual_);
  EXPECT_TRUE(all.body.find("cases")->as_array().back().find("due_at")->is_null());
  EXPECT_TRUE(all.body.find("cases")->as_array().back().find("working_minutes_left")->is_null());
  const std::string latest = format_instant(instants.back(), UtcOffset{});
  EXPECT_EQ(total(inbox("due_before=" + encoded(latest), reviewer_)),
            std::count_if(instants.begin(), instants.end(), [&](Instant t) { return t < instants.back(); }));
  auto before = inbox("due_before=" + encoded(format_instant(instants.back() + std::chrono::seconds{1},
                                                             UtcOffset{std::chrono::minutes{0}})),
                      reviewer_);
  ASSERT_EQ(before.status, 200) << before.text;
  EXPECT_EQ(total(before), 3);

  // The timer turns lights; here the store does it directly.
  auto st = server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    if (auto s = tx.cases().set_light(approved_, calendar::Light::red); !s) return s;
    return tx.cases().set_light(manual_, calendar::Light::yellow);
  });
  ASSERT_TRUE(st.ok());
  auto red = inbox("light=red", reviewer_);
  EXPECT_EQ(case_nos(red), std::vector<std::string>{approved_});
  const json::Value& counts = *red.body.find("counts");
  EXPECT_EQ(counts.find("red")->as_number(), 1);
  EXPECT_EQ(counts.find("yellow")->as_number(), 1);
  EXPECT_EQ(counts.find("green")->as_number(), 2);
  auto manual_counts = inbox("state=correction_requested", reviewer_);
  EXPECT_EQ(manual_counts.body.find("counts")->find("yellow")->as_number(), 1);
  EXPECT_EQ(manual_counts.body.find("counts")->find("red")->as_number(), 0);
}

TEST_P(Inbox, Pages) {
  auto first = inbox("limit=2", reviewer_);
  auto second = inbox("limit=2&offset=2", reviewer_);
  auto beyond = inbox("limit=2&offset=4", reviewer_);
  ASSERT_EQ(first.status, 200) << first.text;
  EXPECT_EQ(case_nos(first).size(), 2u);
  EXPECT_EQ(case_nos(second).size(), 2u);
  EXPECT_TRUE(case_nos(beyond).empty());
  EXPECT_EQ(total(first), 4);
  EXPECT_EQ(total(beyond), 4);
  std::set<std::string> seen;
  for (const auto& n : case_nos(first)) seen.insert(n);
  for (const auto& n : case_nos(second)) seen.insert(n);
  EXPECT_EQ(seen, (std::set<std::string>{approved_, approved2_, warned_, manual_}));
  EXPECT_EQ(total(inbox("limit=500", reviewer_)), 4);
}

TEST_P(Inbox, SearchesByCaseNumberOrApplicantIdNumber) {
  EXPECT_EQ(case_nos(inbox("q=" + manual_, reviewer_)), std::vector<std::string>{manual_});
  EXPECT_EQ(total(inbox("q=" + foreign_, reviewer_)), 0);  // another department's case stays hidden
  EXPECT_EQ(total(inbox("q=" + foreign_, supervisor_)), 1);
  const auto app = sample_application(kFoodItem, "manual_credit_blacklist.json");
  const std::string id = app.find("applicant")->find("id_number")->as_string();
  EXPECT_EQ(case_nos(inbox("q=" + id, reviewer_)), std::vector<std::string>{manual_});
  EXPECT_EQ(inbox("q=", reviewer_).error_id(), "inbox.param.invalid");
}

TEST_P(Inbox, BadParametersAreRefusedWithTheirId) {
  for (const std::string q : {"state=bogus", "state=", "light=blue", "due_before=2024-02-09", "assignee=someone",
                              "assignee=-3", "flagged=Bad!", "limit=0", "limit=501", "limit=ten", "offset=-1",
                              "sort=name", "colour=red"}) {
    auto r = inbox(q, reviewer_);
    EXPECT_EQ(r.status, 422) << q;
    EXPECT_EQ(r.error_id(), "inbox.param.invalid") << q;
  }
  EXPECT_EQ(inbox("sort=due_at", reviewer_).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, Inbox, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
