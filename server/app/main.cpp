// zhishen-server: the approval server (Poco ServerApplication: --daemon and systemd friendly,
// graceful shutdown on SIGTERM/SIGINT that lets in-flight requests finish).
//   zhishen-server [--config FILE] [--db URL] [--port N] [--daemon] [--seed-demo FILE]
#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SplitterChannel.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <filesystem>
#include <iostream>

#include "config.hpp"
#include "demo_seed.hpp"
#include "server.hpp"

namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

class ServerApp final : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(OptionSet& options) override {
    ServerApplication::defineOptions(options);
    options.addOption(Option("config", "c", "configuration file (properties format)").argument("FILE").repeatable(false));
    options.addOption(Option("db", "", "database URL (overrides db.url)").argument("URL").binding("db.url"));
    options.addOption(Option("port", "p", "port (overrides server.port)").argument("N").binding("server.port"));
    options.addOption(Option("help", "h", "this help").noArgument());
    options.addOption(Option("seed-demo", "", "demo only: seed an empty database with demo data, write credentials to FILE")
                          .argument("FILE").repeatable(false));
  }

  void handleOption(const std::string& name, const std::string& value) override {
    ServerApplication::handleOption(name, value);
    if (name == "config") loadConfiguration(value);
    if (name == "seed-demo") seed_demo_file_ = value;
    if (name == "help") {
      Poco::Util::HelpFormatter f(options());
      f.setCommand(commandName());
      f.setUsage("[--config FILE] [--db URL] [--port N] [--daemon]");
      f.setHeader("智审 Zhishen approval server");
      f.format(std::cout);
      help_ = true;
      stopOptionsProcessing();
    }
  }

  void initialize(Application& self) override {
    ServerApplication::initialize(self);
    if (help_) return;
    config_ = zhishen::server::ServerConfig::from(config());
    setup_logging();
  }

  int main(const std::vector<std::string>&) override {
    if (help_) return EXIT_OK;
    zhishen::server::Server server(config_);
    auto st = server.start();
    if (!st) {
      Poco::Logger::get("zhishen").critical("cannot start: %s: %s", st.error().id, st.error().message);
      std::cerr << "zhishen-server: " << st.error().id << ": " << st.error().message << "\n";
      return EXIT_SOFTWARE;
    }
    if (!server.certificate_fingerprint().empty()) {
      std::cout << "zhishen-server: TLS certificate SHA-256 fingerprint " << server.certificate_fingerprint() << "\n";
    }
    if (!seed_demo_file_.empty()) {
      if (auto seeded = zhishen::server::seed_demo_on_start(server.context(), seed_demo_file_, std::cout); !seeded) {
        std::cerr << "zhishen-server: " << seeded.error().id << ": " << seeded.error().message << "\n";
        server.stop();
        return EXIT_SOFTWARE;
      }
    }
    std::cout << "zhishen-server: listening on port " << server.port() << std::endl;
    waitForTerminationRequest();
    Poco::Logger::get("zhishen").information("stopping: finishing in-flight requests");
    server.stop();
    return EXIT_OK;
  }

 private:
  void setup_logging() {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(config_.log_file).parent_path(), ec);
    Poco::AutoPtr<Poco::SplitterChannel> split(new Poco::SplitterChannel);
    Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(config_.log_file));
    file->setProperty("rotation", "50 M");
    file->setProperty("archive", "timestamp");
    file->setProperty("purgeCount", "10");
    split->addChannel(file);
    split->addChannel(new Poco::ConsoleChannel);
    Poco::AutoPtr<Poco::PatternFormatter> fmt(new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S.%i %p %s: %t"));
    fmt->setProperty("times", "local");
    Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(fmt, split));
    Poco::Logger::root().setChannel(channel);
    Poco::Logger::root().setLevel(config_.log_level);
    Poco::Logger::get("zhishen").setChannel(channel);
    Poco::Logger::get("zhishen").setLevel(config_.log_level);
  }

  zhishen::server::ServerConfig config_;
  bool help_ = false;
  std::string seed_demo_file_;
};

}  // namespace

POCO_SERVER_MAIN(ServerApp)
