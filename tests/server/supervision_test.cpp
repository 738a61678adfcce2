// The supervision API over a real HTTPS socket on SQLite and MariaDB: the board, the overdue list,
// supervision tickets and the efficiency statistics, on cases made with known times.
#include "supervision_test_support.hpp"

namespace zhishen::server::testing {
namespace {

using lifecycle::Action;

class Supervision : public OperationsTest {
 protected:
  Reply get(const std::string& path, const std::string& token) { return server_->call("GET", path, "", token); }
  Reply post(const std::string& path, const json::Value& body, const std::string& token) {
    return server_->call_json("POST", path, body, token);
  }
};

const json::Value& tile_of(const Reply& r, const std::string& department) {
  static const json::Value none;
  for (const auto& t : r.body.find("tiles")->as_array()) {
    if (t.find("department")->as_string() == department) return t;
  }
  ADD_FAILURE() << "no tile " << department << " in " << r.text;
  return none;
}

const json::Value& line_of(const json::Value& tile, const std::string& item) {
  static const json::Value none;
  for (const auto& l : tile.find("items")->as_array()) {
    if (l.find("item_code")->as_string() == item) return l;
  }
  ADD_FAILURE() << "no item " << item;
  return none;
}

// {green, yellow, red} of a tile or an item line.
std::vector<double> lights(const json::Value& v) {
  if (v.find("green") == nullptr) return {};
  return {v.find("green")->as_number(), v.find("yellow")->as_number(), v.find("red")->as_number()};
}

using L = std::vector<double>;

TEST_P(Supervision, BoardCountsOpenCasesByDepartmentItemAndLight) {
  // Monday 09:00: five open cases in FZ-SCJG over two items, one in FZ-RSJ, one closed at once.
  submit(kFood, "approved_convenience_store.json");         // re-check due Tue 24:00
  submit(kFood, "approved_tobacco_licence_warning.json");
  submit(kFood, "manual_credit_blacklist.json");             // decision due Tue 24:00
  submit(kFood, "rejected_name_mismatch.json");              // re-check due Tue 24:00
  submit(kFood, "ineligible_bulk_food.json");                // precheck_failed: no clock
  submit(kIndividual, "approved_convenience_store.json");
  submit(kSkills, "approved_electrician_lost.json");
  clock_.set(at("2026-11-24T10:00:00+08:00"));
  submit(kFood, "approved_cold_chain_with_abnormal_warning.json");  // due Wed 24:00

  clock_.set(at("2026-11-24T15:30:00+08:00"));  // yellow from 15:00 (the last quarter of a working day)
  auto b = get("/api/v1/board", supervisor());
  ASSERT_EQ(b.status, 200) << b.text;
  EXPECT_EQ(b.body.find("generated_at")->as_string(), "2026-11-24T15:30:00+08:00");
  EXPECT_EQ(b.body.find("tiles")->as_array().size(), 6u);  // every department, FZ-XNB included
  EXPECT_EQ(lights(tile_of(b, "FZ-SCJG")), (L{1, 5, 0}));
  EXPECT_EQ(tile_of(b, "FZ-SCJG").find("department_name")->as_string(), "福州市市场监督管理局");
  EXPECT_EQ(lights(line_of(tile_of(b, "FZ-SCJG"), kFood)), (L{1, 4, 0}));
  EXPECT_EQ(lights(line_of(tile_of(b, "FZ-SCJG"), kIndividual)), (L{0, 1, 0}));
  EXPECT_FALSE(line_of(tile_of(b, "FZ-SCJG"), kFood).find("item_name")->as_string().empty());
  EXPECT_EQ(lights(tile_of(b, "FZ-RSJ")), (L{0, 1, 0}));
  EXPECT_EQ(lights(tile_of(b, "FZ-WJW")), (L{0, 0, 0}));
  EXPECT_EQ(tile_of(b, "FZ-WJW").find("items")->as_array().size(), 1u);  // its item, with zeros

  clock_.set(at("2026-11-25T00:30:00+08:00"));  // past Tuesday's deadline: red, no timer tick needed
  b = get("/api/v1/board", supervisor());
  EXPECT_EQ(lights(tile_of(b, "FZ-SCJG")), (L{1, 0, 5}));
  EXPECT_EQ(lights(line_of(tile_of(b, "FZ-SCJG"), kFood)), (L{1, 0, 4}));
  EXPECT_EQ(lights(tile_of(b, "FZ-RSJ")), (L{0, 0, 1}));
  auto one = get("/api/v1/board?department=FZ-RSJ", supervisor());
  ASSERT_EQ(one.body.find("tiles")->as_array().size(), 1u);
  EXPECT_EQ(lights(tile_of(one, "FZ-RSJ")), (L{0, 0, 1}));

  auto overdue = get("/api/v1/board/overdue", supervisor());
  ASSERT_EQ(overdue.status, 200) << overdue.text;
  const auto& cases = overdue.body.find("cases")->as_array();
  ASSERT_EQ(cases.size(), 6u);
  EXPECT_EQ(overdue.body.find("total")->as_number(), 6);
  for (const auto& c : cases) {
    EXPECT_EQ(c.find("light")->as_string(), "red");
    EXPECT_EQ(c.find("due_at")->as_string(), "2026-11-25T00:00:00+08:00");
    EXPECT_EQ(c.find("overdue_minutes")->as_number(), 30);
    EXPECT_TRUE(c.find("ticket_no")->is_null());
  }
  EXPECT_EQ(get("/api/v1/board/overdue?limit=2", supervisor()).body.find("cases")->as_array().size(), 2u);
}

TEST_P(Supervision, DepartmentStaffSeeOnlyTheirOwnDepartment) {
  submit(kFood, "approved_convenience_store.json");
  submit(kSkills, "approved_electrician_lost.json");
  clock_.set(at("2026-11-25T00:30:00+08:00"));
  for (const char* path : {"/api/v1/board", "/api/v1/board?department=FZ-RSJ"}) {
    auto b = get(path, scjg_reviewer());
    ASSERT_EQ(b.status, 200) << b.text;
    ASSERT_EQ(b.body.find("tiles")->as_array().size(), 1u) << path;
    EXPECT_EQ(lights(tile_of(b, "FZ-SCJG")), (L{0, 0, 1})) << path;
  }
  auto overdue = get("/api/v1/board/overdue?department=FZ-RSJ", scjg_reviewer());
  ASSERT_EQ(overdue.body.find("cases")->as_array().size(), 1u);
  EXPECT_EQ(overdue.body.find("cases")->as_array()[0].find("department")->as_string(), "FZ-SCJG");

  EXPECT_EQ(get("/api/v1/board", "").status, 401);
  EXPECT_EQ(get("/api/v1/board", channel_).status, 401);
  auto bad = get("/api/v1/board?light=red", supervisor());
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.error_id(), "supervision.param.invalid");
  EXPECT_EQ(get("/api/v1/board/overdue?limit=0", supervisor()).error_id(), "supervision.param.invalid");
}

TEST_P(Supervision, TicketLifeCycleAndPermissions) {
  const std::string no = submit(kFood, "approved_convenience_store.json");
  const json::Value open{json::Object{{"case_no", no}, {"reason", "群众反映办理缓慢"}}};
  EXPECT_EQ(post("/api/v1/tickets", open, scjg_reviewer()).error_id(), "auth.forbidden");
  EXPECT_EQ(post("/api/v1/tickets", json::Object{{"case_no", no}, {"reason", " 　"}}, supervisor()).error_id(),
            "ticket.reason.required");
  auto missing = post("/api/v1/tickets", json::Object{{"case_no", "ZS-NONE"}, {"reason", "x"}}, supervisor());
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.error_id(), "case.not_found");

  auto t = post("/api/v1/tickets", open, supervisor());
  ASSERT_EQ(t.status, 201) << t.text;
  const std::string ticket = t.body.find("ticket_no")->as_string();
  EXPECT_EQ(ticket.rfind("DB20261123", 0), 0u) << ticket;
  EXPECT_EQ(t.body.find("state")->as_string(), "open");
  EXPECT_EQ(t.body.find("opened_by")->as_string(), "dubanke");
  EXPECT_EQ(t.body.find("department")->as_string(), "FZ-SCJG");
  EXPECT_EQ(t.body.find("answer_due_at")->as_string(), "2026-11-27T00:00:00+08:00");  // 3 working days
  EXPECT_EQ(t.body.find("light")->as_string(), "green");
  auto again = post("/api/v1/tickets", open, supervisor());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_id(), "ticket.duplicate");
  ASSERT_EQ(outbox("ticket.open").size(), 1u);
  EXPECT_EQ(outbox("ticket.open")[0].recipient, "FZ-SCJG");

  EXPECT_EQ(get("/api/v1/tickets", supervisor()).body.find("tickets")->as_array().size(), 1u);
  EXPECT_EQ(get("/api/v1/tickets", scjg_reviewer()).body.find("tickets")->as_array().size(), 1u);
  EXPECT_EQ(get("/api/v1/tickets?department=FZ-SCJG", rsj_reviewer()).body.find("tickets")->as_array().size(), 0u);

  const std::string respond = "/api/v1/tickets/" + ticket + "/response";
  const json::Value answer{json::Object{{"response", "已安排专人办理，今日办结"}}};
  EXPECT_EQ(post(respond, answer, rsj_reviewer()).error_id(), "ticket.not_found");
  EXPECT_EQ(post(respond, answer, supervisor()).error_id(), "auth.forbidden");
  auto empty = post(respond, json::Object{{"response", ""}}, scjg_reviewer());
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(empty.error_id(), "ticket.response.required");
  clock_.advance(std::chrono::hours{2});
  auto answered = post(respond, answer, scjg_reviewer());
  ASSERT_EQ(answered.status, 200) << answered.text;
  EXPECT_EQ(answered.body.find("state")->as_string(), "answered");
  EXPECT_EQ(answered.body.find("responded_by")->as_string(), "scjg-shenhe");
  EXPECT_EQ(answered.body.find("responded_at")->as_string(), "2026-11-23T11:00:00+08:00");
  EXPECT_FALSE(answered.body.find("answered_late")->as_bool());
  EXPECT_EQ(post(respond, answer, scjg_reviewer()).error_id(), "ticket.state.invalid");

  const std::string close = "/api/v1/tickets/" + ticket + "/close";
  EXPECT_EQ(post(close, json::Object{}, scjg_reviewer()).error_id(), "auth.forbidden");
  auto closed = post(close, json::Object{{"note", "已核实办结"}}, supervisor());
  ASSERT_EQ(closed.status, 200) << closed.text;
  EXPECT_EQ(closed.body.find("state")->as_string(), "closed");
  EXPECT_EQ(closed.body.find("closed_by")->as_string(), "dubanke");
  EXPECT_EQ(post(close, json::Object{}, supervisor()).error_id(), "ticket.state.invalid");
  auto unknown = post("/api/v1/tickets/DB2026112300000000/close", json::Object{}, supervisor());
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.error_id(), "ticket.not_found");

  EXPECT_EQ(get("/api/v1/tickets?state=closed", supervisor()).body.find("tickets")->as_array().size(), 1u);
  EXPECT_EQ(get("/api/v1/tickets?state=open", supervisor()).body.find("tickets")->as_array().size(), 0u);
  EXPECT_EQ(get("/api/v1/tickets?state=lost", supervisor()).error_id(), "supervision.param.invalid");
  EXPECT_EQ(audit("ticket.open", no).size(), 1u);
  EXPECT_EQ(audit("ticket.respond", no).size(), 1u);
  ASSERT_EQ(audit("ticket.close", no).size(), 1u);
  EXPECT_EQ(audit("ticket.close", no)[0].detail.find("note")->as_string(), "已核实办结");
}

TEST_P(Supervision, AnOverdueAnswerShowsRed) {
  const std::string no = submit(kSkills, "approved_electrician_lost.json");
  auto t = post("/api/v1/tickets", json::Object{{"case_no", no}, {"reason", "抽查"}}, supervisor());
  ASSERT_EQ(t.status, 201) << t.text;
  const std::string ticket = t.body.find("ticket_no")->as_string();
  clock_.set(at("2026-11-27T01:00:00+08:00"));  // the answer was due Thursday 24:00
  auto list = get("/api/v1/tickets?state=open", supervisor());
  ASSERT_EQ(list.body.find("tickets")->as_array().size(), 1u);
  const auto& line = list.body.find("tickets")->as_array()[0];
  EXPECT_EQ(line.find("light")->as_string(), "red");
  EXPECT_TRUE(line.find("answer_overdue")->as_bool());
  auto late = post("/api/v1/tickets/" + ticket + "/response", json::Object{{"response", "已补办"}}, rsj_reviewer());
  ASSERT_EQ(late.status, 200) << late.text;
  EXPECT_TRUE(late.body.find("answered_late")->as_bool());
  EXPECT_EQ(late.body.find("light")->as_string(), "green");
}

double number(const Reply& r, const char* group, const char* field) {
  const json::Value* g = r.body.find(group);
  const json::Value* v = g != nullptr ? g->find(field) : nullptr;
  if (v == nullptr || !v->is_number()) {
    ADD_FAILURE() << group << "." << field << " is not a number in " << r.text;
    return -1;
  }
  return v->as_number();
}

bool null_at(const Reply& r, const char* group, const char* field) {
  const json::Value* g = r.body.find(group);
  return g != nullptr && g->find(field) != nullptr && g->find(field)->is_null();
}

TEST_P(Supervision, StatisticsOfAKnownWeek) {
  clock_.set(at("2026-11-20T09:00:00+08:00"));  // the Friday before: outside the period
  submit(kFood, "approved_convenience_store.json");
  clock_.set(at("2026-11-23T09:00:00+08:00"));
  const std::string a = submit(kFood, "approved_convenience_store.json");       // auto, re-checked at 11:00
  const std::string c = submit(kFood, "manual_credit_blacklist.json");          // manual approve 13:00
  const std::string d = submit(kFood, "manual_special_food_without_zone.json"); // manual reject Thu (late)
  submit(kFood, "rejected_name_mismatch.json");                                 // auto reject
  submit(kFood, "ineligible_bulk_food.json");                                   // decision clock stops
  const std::string g = submit(kSkills, "manual_issued_before_2005.json");      // manual approve 11:00
  const std::string h = submit(kSkills, "manual_record_not_found.json");        // manual reject 15:00
  clock_.set(at("2026-11-23T10:00:00+08:00"));
  const std::string b = submit(kFood, "approved_tobacco_licence_warning.json"); // re-check fails Wed (late)
  clock_.set(at("2026-11-23T11:00:00+08:00"));
  act(a, Action::confirm_recheck);
  act(g, Action::manual_approve, "材料齐全", "《国家职业资格证书管理规定》");
  clock_.set(at("2026-11-23T13:00:00+08:00"));
  act(c, Action::manual_approve, "经核实已移出失信名单", "《食品经营许可和备案管理办法》");
  clock_.set(at("2026-11-23T15:00:00+08:00"));
  act(h, Action::manual_reject, "未查询到证书记录");
  clock_.set(at("2026-11-25T10:00:00+08:00"));
  act(b, Action::fail_recheck, "烟草专卖许可证信息不符");
  clock_.set(at("2026-11-26T09:00:00+08:00"));
  act(d, Action::manual_reject, "未划定特殊食品销售专区");
  clock_.set(at("2026-11-27T10:00:00+08:00"));

  auto s = get("/api/v1/statistics?from=2026-11-23&to=2026-11-27", supervisor());
  ASSERT_EQ(s.status, 200) << s.text;
  EXPECT_TRUE(s.body.find("department")->is_null());
  EXPECT_EQ(number(s, "decisions", "total"), 7);  // automatic: a, b, the rejection; manual: c, d, g, h
  EXPECT_EQ(number(s, "decisions", "automatic"), 3);
  EXPECT_DOUBLE_EQ(number(s, "decisions", "automatic_share"), 0.4286);
  // Submission -> decision: 0, 0, 0, 120 (g), 240 (c), 360 (h), 4320 (d) minutes.
  EXPECT_EQ(number(s, "decision_time", "count"), 7);
  EXPECT_DOUBLE_EQ(number(s, "decision_time", "median_minutes"), 120);
  EXPECT_DOUBLE_EQ(number(s, "decision_time", "median_working_hours"), 2);
  // Automatic decision -> re-check: a 120 min (2 working hours), b Mon 10:00 -> Wed 10:00 (16).
  EXPECT_EQ(number(s, "recheck_time", "count"), 2);
  EXPECT_DOUBLE_EQ(number(s, "recheck_time", "median_minutes"), 1500);
  EXPECT_DOUBLE_EQ(number(s, "recheck_time", "median_working_hours"), 9);
  // Clocks stopped in the week: a, b, c, d, the rejection, the ineligible one, g, h; late: b, d.
  EXPECT_EQ(number(s, "overdue", "cases"), 8);
  EXPECT_EQ(number(s, "overdue", "overdue"), 2);
  EXPECT_DOUBLE_EQ(number(s, "overdue", "rate"), 0.25);
  EXPECT_EQ(number(s, "recheck", "confirmed"), 1);
  EXPECT_EQ(number(s, "recheck", "failed"), 1);
  EXPECT_DOUBLE_EQ(number(s, "recheck", "confirmed_share"), 0.5);

  auto rsj = get("/api/v1/statistics?from=2026-11-23&to=2026-11-27&department=FZ-RSJ", supervisor());
  ASSERT_EQ(rsj.status, 200) << rsj.text;
  EXPECT_EQ(rsj.body.find("department")->as_string(), "FZ-RSJ");
  EXPECT_EQ(number(rsj, "decisions", "total"), 2);
  EXPECT_DOUBLE_EQ(number(rsj, "decisions", "automatic_share"), 0);
  EXPECT_DOUBLE_EQ(number(rsj, "decision_time", "median_minutes"), 240);
  EXPECT_DOUBLE_EQ(number(rsj, "decision_time", "median_working_hours"), 4);
  EXPECT_TRUE(null_at(rsj, "recheck_time", "median_minutes"));
  EXPECT_TRUE(null_at(rsj, "recheck", "confirmed_share"));
  EXPECT_DOUBLE_EQ(number(rsj, "overdue", "rate"), 0);

  // A department reviewer gets their own department whatever they ask.
  auto own = get("/api/v1/statistics?from=2026-11-23&to=2026-11-27&department=FZ-RSJ", scjg_reviewer());
  ASSERT_EQ(own.status, 200) << own.text;
  EXPECT_EQ(own.body.find("department")->as_string(), "FZ-SCJG");
  EXPECT_EQ(number(own, "decisions", "total"), 5);
  EXPECT_DOUBLE_EQ(number(own, "decisions", "automatic_share"), 0.6);
  EXPECT_EQ(number(own, "overdue", "cases"), 6);
  EXPECT_DOUBLE_EQ(number(own, "overdue", "rate"), 0.3333);

  auto wednesday = get("/api/v1/statistics?from=2026-11-25&to=2026-11-25", supervisor());
  EXPECT_EQ(number(wednesday, "decisions", "total"), 0);
  EXPECT_TRUE(null_at(wednesday, "decisions", "automatic_share"));
  EXPECT_EQ(number(wednesday, "overdue", "cases"), 1);
  EXPECT_DOUBLE_EQ(number(wednesday, "overdue", "rate"), 1);
  EXPECT_DOUBLE_EQ(number(wednesday, "recheck", "confirmed_share"), 0);
}

TEST_P(Supervision, StatisticsPeriodIsChecked) {
  const std::string t = supervisor();
  EXPECT_EQ(get("/api/v1/statistics?from=2026-11-23", t).error_id(), "statistics.period.invalid");
  EXPECT_EQ(get("/api/v1/statistics?from=2026-11-23&to=2026-11-22", t).error_id(), "statistics.period.invalid");
  EXPECT_EQ(get("/api/v1/statistics?from=2025-01-01&to=2026-11-22", t).error_id(), "statistics.period.invalid");
  EXPECT_EQ(get("/api/v1/statistics?from=2026-13-01&to=2026-12-02", t).error_id(), "date.invalid");
  EXPECT_EQ(get("/api/v1/statistics?from=2026/11/23&to=2026-12-02", t).status, 422);
  EXPECT_EQ(get("/api/v1/statistics?from=2026-11-23&to=2026-11-23&x=1", t).error_id(), "supervision.param.invalid");
  EXPECT_EQ(get("/api/v1/statistics?from=2026-11-23&to=2026-11-23", "").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, Supervision, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
