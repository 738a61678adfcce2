// `zhishen audit verify`: checks the hash chains of the audit log (docs/storage.md, "Audit log").
// Reads the database directly (read-only, no lock held): every chain is walked in seq order in pages
// and checked with domain::first_broken_link, then against its head row (audit_head), which finds
// entries deleted from the end. The audit log holds no encrypted column, so no key is needed;
// --key-file is accepted (scripts pass it to every command) and not read.
// Entries appended while the check runs (beyond the head read first) are left for the next check.
#include <ostream>

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/domain/audit_chain.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/store/sql_store.hpp"

namespace zhishen::cli {
namespace {

constexpr const char* kUsage =
    "usage: zhishen audit verify --db URL [--key-file FILE]\n"
    "       checks every hash chain of the audit log; names the first broken entry (chain, seq) and why.\n"
    "       exit 0: all chains intact; 1: a chain is broken (or the database cannot be read); 2: usage.\n"
    "       --key-file is accepted and ignored: the audit log is not encrypted.\n"
    "URL: sqlite:PATH or mysql://USER:PASSWORD@HOST:PORT/DATABASE (also ?socket=PATH).\n";

constexpr std::int64_t kPage = 5000;

struct ChainCheck {
  std::int64_t entries = 0;
  std::optional<std::int64_t> broken_seq;
  std::string why;
};

// Why entry `e` breaks its chain (first_broken_link said so), and the seq to name: `expected_seq`
// is the seq it should carry and `prev` the hash it should chain to.
std::pair<std::int64_t, std::string> diagnose(const domain::AuditEntry& e, std::int64_t expected_seq,
                                              const std::string& prev) {
  if (e.seq != expected_seq) {
    return {expected_seq, "entry " + std::to_string(expected_seq) + (e.seq - expected_seq > 1 ? " and following" : "") +
                              " missing (deleted): the next entry is seq " + std::to_string(e.seq)};
  }
  if (e.prev_hash != prev) {
    return {e.seq, "its prev_hash is not the hash of the entry before it (that entry was changed or replaced)"};
  }
  return {e.seq, "its content does not match its hash (the entry was edited)"};
}

ChainCheck verify_chain(store::Connection& c, int chain) {
  ChainCheck out;
  auto head = store::query(c, "SELECT last_seq, last_hash FROM audit_head WHERE chain = ?", {std::int64_t{chain}});
  if (head.empty()) {
    out.broken_seq = 0;
    out.why = "the chain's head row is missing";
    return out;
  }
  const std::int64_t head_seq = head[0].int64(0);
  std::string prev = domain::kAuditGenesisHash;
  std::int64_t last = 0;
  while (last < head_seq) {
    auto rows = store::query(c,
                             "SELECT seq, at, actor, role, action, target, detail_json, prev_hash, hash FROM audit_log"
                             " WHERE chain = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                             {std::int64_t{chain}, last, head_seq, kPage});
    if (rows.empty()) break;
    std::vector<domain::AuditEntry> page;
    for (const auto& r : rows) {
      domain::AuditEntry e;
      e.chain = chain;
      e.seq = r.int64(0);
      e.at = Instant{std::chrono::seconds{r.int64(1)}};
      e.actor = r.text(2);
      e.role = r.text(3);
      e.action = r.text(4);
      e.target = r.text(5);
      // Text that is no longer JSON stays a string: its canonical form then differs from the
      // hashed one, so the entry reports as edited.
      auto detail = json::parse(r.text(6));
      e.detail = detail ? std::move(detail).value() : json::Value(r.text(6));
      e.prev_hash = r.text(7);
      e.hash = r.text(8);
      page.push_back(std::move(e));
    }
    if (auto bad = domain::first_broken_link(page, prev, crypto::sha256_hex)) {
      std::size_t i = 0;
      while (page[i].seq != *bad) ++i;
      const std::int64_t expected = i == 0 ? last + 1 : page[i - 1].seq + 1;
      auto [seq, why] = diagnose(page[i], expected, i == 0 ? prev : page[i - 1].hash);
      out.entries += static_cast<std::int64_t>(i);
      out.broken_seq = seq;
      out.why = why;
      return out;
    }
    if (page.front().seq != last + 1) {  // a gap at the page boundary (first_broken_link sees one page)
      out.broken_seq = last + 1;
      out.why = "entry " + std::to_string(last + 1) + " missing (deleted): the next entry is seq " +
                std::to_string(page.front().seq);
      return out;
    }
    out.entries += static_cast<std::int64_t>(page.size());
    prev = page.back().hash;
    last = page.back().seq;
  }
  if (last < head_seq) {
    out.broken_seq = last + 1;
    out.why = "entries " + std::to_string(last + 1) + ".." + std::to_string(head_seq) +
              " missing (deleted from the end; the chain head says " + std::to_string(head_seq) + ")";
  } else if (prev != head[0].text(1)) {
    out.broken_seq = last;
    out.why = "the chain head's hash is not the last entry's hash (the last entry was changed)";
  }
  return out;
}

int verify(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse_args(args, {"db", "key-file"});
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (!p->positionals.empty()) return usage_error(err, "unexpected argument '" + p->positionals[0] + "'", kUsage);
  auto text = p->last("db");
  if (!text) return usage_error(err, "--db URL is required", kUsage);
  auto url = store::DbUrl::parse(*text);
  if (!url) return usage_error(err, url.error().id + ": " + url.error().message, kUsage);
  try {
    auto status = store::database_status(*url);
    if (!status) {
      err << "zhishen: " << status.error().id << ": " << status.error().message << "\n";
      return kExitInvalid;
    }
    if (status->after == 0) {
      err << "zhishen: store.schema.too_old: " << url->redacted() << " has no Zhishen schema (zhishen db migrate)\n";
      return kExitInvalid;
    }
    auto conn = store::connect(*url);
    int broken = 0;
    std::int64_t total = 0;
    out << url->redacted() << ": audit log, " << domain::kAuditChains << " chains\n";
    for (int chain = 0; chain < domain::kAuditChains; ++chain) {
      const auto check = verify_chain(*conn, chain);
      total += check.entries;
      out << "chain " << chain << ": ";
      if (!check.broken_seq) {
        out << check.entries << " entries OK\n";
        continue;
      }
      ++broken;
      out << "BROKEN at seq " << *check.broken_seq << ": " << check.why << " (" << check.entries
          << " entries before it intact)\n";
    }
    if (broken == 0) {
      out << "audit log intact: " << domain::kAuditChains << " chains, " << total << " entries\n";
      return kExitOk;
    }
    out << "audit log BROKEN: " << broken << " of " << domain::kAuditChains << " chains\n";
    return kExitInvalid;
  } catch (const store::StoreFault& f) {
    err << "zhishen: " << f.id() << ": " << f.what() << "\n";
    return kExitInvalid;
  }
}

}  // namespace

int audit_command(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage_error(err, "audit needs a subcommand", kUsage);
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "verify") return verify(rest, out, err);
  if (args[0] == "--help" || args[0] == "-h") {
    out << kUsage;
    return kExitOk;
  }
  return usage_error(err, "unknown audit subcommand '" + args[0] + "'", kUsage);
}

}  // namespace zhishen::cli
