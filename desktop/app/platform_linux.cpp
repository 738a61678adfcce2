// Linux (and other POSIX) parts of platform.hpp.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include "platform.hpp"

extern char** environ;

namespace zhishen::desk::app {
namespace {

constexpr std::chrono::seconds kPrintLimit{30};

Error print_failed(const std::string& why) { return make_error("desk.print.failed", why); }

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

std::filesystem::path config_home() {
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x != nullptr && *x != '\0') return x;
  if (const char* h = std::getenv("HOME"); h != nullptr && *h != '\0') return std::filesystem::path(h) / ".config";
  return std::filesystem::temp_directory_path();
}

std::filesystem::path document_dir() {
  std::filesystem::path dir;
  if (const char* r = std::getenv("XDG_RUNTIME_DIR"); r != nullptr && *r != '\0') {
    dir = std::filesystem::path(r) / "zhishen-desk";
  } else if (const char* c = std::getenv("XDG_CACHE_HOME"); c != nullptr && *c != '\0') {
    dir = std::filesystem::path(c) / "zhishen-desk" / "documents";
  } else if (const char* h = std::getenv("HOME"); h != nullptr && *h != '\0') {
    dir = std::filesystem::path(h) / ".cache" / "zhishen-desk" / "documents";
  } else {
    dir = std::filesystem::temp_directory_path() / ("zhishen-desk-" + std::to_string(::getuid()));
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // a failure shows when the file is written
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
  return dir;
}

std::filesystem::path catalog_dir() {
  if (const char* d = std::getenv("ZHISHEN_DESK_LOCALEDIR"); d != nullptr && *d != '\0') return d;
#ifdef ZHISHEN_DESK_LOCALEDIR
  return ZHISHEN_DESK_LOCALEDIR;
#else
  return "/usr/share/locale";
#endif
}

Result<std::string> print_file(const std::filesystem::path& file) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return print_failed(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);  // lp's answer and its complaints
  posix_spawn_file_actions_adddup2(&actions, out[1], 2);
  std::string path = file.string();
  std::string lp = "lp", end_of_options = "--";
  char* const argv[] = {lp.data(), end_of_options.data(), path.data(), nullptr};  // no shell: any file name
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "lp", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (spawned != 0) {
    ::close(out[0]);
    return print_failed(std::string("lp could not be started: ") + std::strerror(spawned));
  }
  std::string answer;
  bool timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + kPrintLimit;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      timed_out = ready == 0;
      break;
    }
    char buf[512];
    const ssize_t got = ::read(out[0], buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;  // lp closed its output: it has finished
    answer.append(buf, static_cast<std::size_t>(got));
  }
  ::close(out[0]);
  if (timed_out) ::kill(pid, SIGTERM);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  answer = trimmed(answer);
  if (timed_out) return print_failed("lp did not finish within 30 s");
  if (!WIFEXITED(status)) return print_failed("lp ended abnormally");
  if (WEXITSTATUS(status) == 127 && answer.empty()) return print_failed("lp is not installed (CUPS client)");
  if (WEXITSTATUS(status) != 0) {
    return print_failed("lp exited with status " + std::to_string(WEXITSTATUS(status)) + (answer.empty() ? "" : ": ") +
                        answer);
  }
  return answer;
}

bool capture_screen(const std::string& png_path) {
  for (char c : png_path) {  // the path goes into a shell command: plain characters only
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '_' || c == '.')) return false;
  }
  const std::string command = "import -window root " + png_path + " 2>/dev/null";
  return std::system(command.c_str()) == 0;
}

}  // namespace zhishen::desk::app
