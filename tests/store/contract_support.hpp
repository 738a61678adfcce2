#pragma once
// Shared pieces of the store contract suite: the parameterized fixture (one store per test on
// each backend) and sample records.

#include "store_fixture.hpp"
#include "zhishen/lifecycle/case_machine.hpp"

namespace zhishen::store::testing {

inline Instant at(long seconds) { return Instant{std::chrono::seconds{1'710'000'000 + seconds}}; }

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    if (!db_->ok()) GTEST_SKIP() << db_->reason();
    auto s = open_store(db_->url(), test_cipher());
    ASSERT_TRUE(s.ok()) << s.error().id << ": " << s.error().message;
    store_ = std::move(s).value();
  }

  // Runs work in a transaction and expects it to succeed.
  void tx(const std::function<void(ports::StoreTx&)>& work) {
    auto st = store_->transact([&](ports::StoreTx& t) -> Status {
      work(t);
      return {};
    });
    ASSERT_TRUE(st.ok()) << st.error().id;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ports::Store> store_;
};

inline domain::CaseFile sample_case(const std::string& case_no, const std::string& dept = "FZ-SCJG") {
  domain::CaseFile f;
  f.case_no = case_no;
  f.item_code = "350100-SCJG-GG-0001";
  f.item_version = 1;
  f.department_code = dept;
  f.channel = "web-hall";
  f.applicant = {"person", "张三", "citizen_id", "11010519491231002X", "13800000000", "福州市鼓楼区五四路1号", "mid_high"};
  f.application = json::Object{{"form", json::Object{{"名称", "便利店"}, {"area_m2", 120}}}};
  f.materials.push_back({"business_license", "营业执照", "application/pdf", std::string(64, 'a'), 12345,
                         json::Object{{"uscc", "91350100M000100Y43"}}});
  f.record = lifecycle::open_case(lifecycle::CaseTerms{}, at(0));
  f.due_at = at(86400 * 5);
  f.yellow_at = at(86400 * 4);
  f.flags = {"duplicate_channel"};
  return f;
}

inline lifecycle::TransitionRequest request(lifecycle::Action a, lifecycle::Role r, long t) {
  return lifecycle::TransitionRequest{a, r, "tester", at(t), "理由", "依据", false};
}

}  // namespace zhishen::store::testing
