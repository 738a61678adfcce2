#pragma once
// Notifier port: messages to applicants (SMS-style, 001 Art.20) at decision and completion.
// The server implements it with a durable outbox table drained by a sender thread, so that a
// notification accepted here is not lost on a crash.
//
// Thread-safety: implementations must allow enqueue() from any thread.

#include <string>

#include "zhishen/core/error.hpp"

namespace zhishen::ports {

struct Notification {
  std::string case_no;
  std::string recipient;  // phone number or channel user id; never logged in clear
  std::string template_id;  // e.g. "decision.approved"
  std::string text;         // rendered Simplified Chinese text
};

class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual Status enqueue(const Notification& n) = 0;
};

}  // namespace zhishen::ports
