// SmtpTransport against a real SMTP server: tests/support/smtp_sink.py, run as a child process on
// a free port, keeps what it accepts as files and refuses on demand.
#include "notify/smtp_transport.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace ct::notify {
namespace {

namespace fs = std::filesystem;
using Kind = SendOutcome::Kind;
using std::chrono::milliseconds;

fs::path source_dir() {
  if (const char* env = std::getenv("CT_SOURCE_DIR"); env != nullptr && *env != '\0') return env;
#ifdef CT_SOURCE_DIR
  return CT_SOURCE_DIR;
#else
  return fs::current_path();
#endif
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ct-smtp-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The sink as a child process: started listening, stopped (SIGTERM, then SIGKILL) on destruction.
class SinkProcess {
 public:
  SinkProcess(const fs::path& dir, const std::vector<std::string>& options) {
    const fs::path port_file = dir / "port";
    // Debian's interpreter: the one on PATH may be another Python without aiosmtpd.
    std::vector<std::string> args = {"/usr/bin/python3",
                                     (source_dir() / "tests/support/smtp_sink.py").string(),
                                     "--dir",
                                     dir.string(),
                                     "--port",
                                     "0",
                                     "--port-file",
                                     port_file.string()};
    args.insert(args.end(), options.begin(), options.end());
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
      pid_ = -1;
      return;
    }
    for (int i = 0; i < 200 && port_ == 0; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::ifstream in(port_file);
      if (!(in >> port_)) port_ = 0;
      if (port_ == 0) std::this_thread::sleep_for(milliseconds(25));
    }
  }
  ~SinkProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(milliseconds(20));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  SinkProcess(const SinkProcess&) = delete;
  SinkProcess& operator=(const SinkProcess&) = delete;
  [[nodiscard]] int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// A port that refuses connections: bound, so nobody else takes it, but not listening.
class ClosedPort {
 public:
  ClosedPort() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd_ >= 0 && bind(fd_, reinterpret_cast<sockaddr*>(&a), len) == 0 &&
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0)
      port_ = ntohs(a.sin_port);
  }
  ~ClosedPort() {
    if (fd_ >= 0) close(fd_);
  }
  ClosedPort(const ClosedPort&) = delete;
  ClosedPort& operator=(const ClosedPort&) = delete;
  [[nodiscard]] int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

SmtpSettings settings_for(int port) {
  SmtpSettings s;
  s.url = "smtp://127.0.0.1:" + std::to_string(port);
  s.helo_domain = "chungthu.test";
  s.timeout = std::chrono::seconds(5);
  return s;
}

// A leading dot (RFC 5321 §4.5.2 transparency) and UTF-8 in the body: both must arrive unchanged.
const std::string kMessage =
    "From: =?UTF-8?Q?Ch=E1=BB=A9ng_th=C6=B0?= <noreply@chungthu.test>\r\n"
    "To: a@example.vn, b@example.vn\r\n"
    "Subject: test\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Chứng thư số của ông/bà đã được cấp.\r\n"
    ".a line that starts with a dot\r\n"
    ".\r\n"
    "end\r\n";

class SmtpTransportTest : public ::testing::Test {
 protected:
  // Starts the sink with `options`; the port it listens on, or 0.
  int start_sink(const std::vector<std::string>& options = {}) {
    sink_.emplace(dir_.path(), options);
    EXPECT_NE(sink_->port(), 0) << "tests/support/smtp_sink.py did not start (needs python3-aiosmtpd)";
    return sink_->port();
  }
  void TearDown() override { sink_.reset(); }

  [[nodiscard]] fs::path kept(const std::string& name) const { return dir_.path() / name; }

  TempDir dir_;
  std::optional<SinkProcess> sink_;
};

TEST_F(SmtpTransportTest, TwoRecipientsArriveByteForByteWithTheirEnvelope) {
  const int port = start_sink();
  ASSERT_NE(port, 0);
  SmtpTransport t(settings_for(port));
  const auto out = t.send("bounces@chungthu.test", {"a@example.vn", "b@example.vn"}, kMessage);
  EXPECT_EQ(out.kind, Kind::accepted) << out.detail;
  EXPECT_EQ(out.smtp_code, 250);
  EXPECT_NE(out.detail.find("queued as 0001"), std::string::npos) << out.detail;

  EXPECT_EQ(read_file(kept("0001.eml")), kMessage);
  const auto envelope = nlohmann::json::parse(read_file(kept("0001.json")));
  EXPECT_EQ(envelope["mail_from"], "bounces@chungthu.test");
  EXPECT_EQ(envelope["rcpt_tos"], nlohmann::json::array({"a@example.vn", "b@example.vn"}));
}

TEST_F(SmtpTransportTest, RefusedRecipientIsPermanentAndNothingIsDelivered) {
  const int port = start_sink({"--reject-rcpt", "nobody=550"});
  ASSERT_NE(port, 0);
  SmtpTransport t(settings_for(port));
  const auto out = t.send("bounces@chungthu.test", {"a@example.vn", "nobody@example.vn"}, kMessage);
  EXPECT_EQ(out.kind, Kind::permanent) << out.detail;
  EXPECT_EQ(out.smtp_code, 550);
  EXPECT_NE(out.detail.find("5.1.1 <nobody@example.vn>"), std::string::npos) << out.detail;
  EXPECT_FALSE(fs::exists(kept("0001.eml")));
}

TEST_F(SmtpTransportTest, DeferredDataIsTemporaryAndTheNextAttemptIsAccepted) {
  const int port = start_sink({"--fail-first", "1"});
  ASSERT_NE(port, 0);
  SmtpTransport t(settings_for(port));
  const auto first = t.send("", {"a@example.vn"}, kMessage);
  EXPECT_EQ(first.kind, Kind::temporary) << first.detail;
  EXPECT_EQ(first.smtp_code, 451);
  EXPECT_NE(first.detail.find("451 4.3.0 try again later"), std::string::npos) << first.detail;
  EXPECT_FALSE(fs::exists(kept("0001.eml")));

  const auto second = t.send("", {"a@example.vn"}, kMessage);
  EXPECT_EQ(second.kind, Kind::accepted) << second.detail;
  EXPECT_EQ(read_file(kept("0001.eml")), kMessage);
  // An empty envelope sender is the null reverse-path.
  EXPECT_EQ(nlohmann::json::parse(read_file(kept("0001.json")))["mail_from"], "<>");
}

// The server kept the message but had not answered when the client gave up: the outcome is
// temporary, and a retry may deliver a second copy (RFC 5321 §6.1 accepts duplicates).
TEST_F(SmtpTransportTest, NoAnswerAfterHandOverIsTemporary) {
  const int port = start_sink({"--delay-data", "10"});
  ASSERT_NE(port, 0);
  auto s = settings_for(port);
  s.timeout = std::chrono::seconds(1);
  SmtpTransport t(s);
  const auto start = std::chrono::steady_clock::now();
  const auto out = t.send("bounces@chungthu.test", {"a@example.vn"}, kMessage);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4)) << "the timeout was not applied";
  EXPECT_EQ(out.kind, Kind::temporary) << out.detail;
  EXPECT_TRUE(fs::exists(kept("0001.eml")));
}

// The sink offers no STARTTLS: "required" must not fall back to plain text, and the message waits
// for an operator to fix the server or the settings.
TEST_F(SmtpTransportTest, RequiredStartTlsThatIsNotOfferedIsTemporaryAndSendsNothing) {
  const int port = start_sink();
  ASSERT_NE(port, 0);
  auto s = settings_for(port);
  s.starttls = SmtpSettings::StartTls::required;
  SmtpTransport t(s);
  const auto out = t.send("bounces@chungthu.test", {"a@example.vn"}, kMessage);
  EXPECT_EQ(out.kind, Kind::temporary) << out.detail;
  EXPECT_NE(out.detail.find("STARTTLS"), std::string::npos) << out.detail;
  EXPECT_FALSE(fs::exists(kept("0001.eml")));
}

TEST(SmtpTransport, NothingListeningIsTemporary) {
  const ClosedPort closed;
  ASSERT_NE(closed.port(), 0);
  SmtpTransport t(settings_for(closed.port()));
  const auto out = t.send("bounces@chungthu.test", {"a@example.vn"}, kMessage);
  EXPECT_EQ(out.kind, Kind::temporary) << out.detail;
  EXPECT_EQ(out.smtp_code, 0);
  EXPECT_FALSE(out.detail.empty());
}

TEST(SmtpTransport, AddressWithALineBreakIsRefusedBeforeConnecting) {
  SmtpTransport t(settings_for(ClosedPort().port()));
  EXPECT_EQ(t.send("bounces@chungthu.test", {"a@example.vn\r\nRCPT TO:<x@evil.test>"}, kMessage).kind, Kind::permanent);
  EXPECT_EQ(t.send("bounces@chungthu.test", {}, kMessage).kind, Kind::permanent);
}

// Bad settings are the installation's: the message waits, and the URL (which might hold a
// mistyped secret) is not repeated.
TEST(SmtpTransport, BadSettingsAreTemporaryAndNotEchoed) {
  SmtpSettings s;
  s.url = "smtp://user:hunter2@127.0.0.1:1";
  s.password = "hunter2";
  SmtpTransport t(s);
  const auto out = t.send("bounces@chungthu.test", {"a@example.vn"}, kMessage);
  EXPECT_EQ(out.kind, Kind::temporary);
  EXPECT_EQ(out.detail.find("hunter2"), std::string::npos) << out.detail;
}

TEST(CheckSmtpSettings, AcceptsSmtpAndSmtpsUrls) {
  for (const char* url :
       {"smtp://127.0.0.1:2525", "smtps://mail.example.vn:465", "SMTP://mail.example.vn", "smtp://[::1]:25/"}) {
    SmtpSettings s;
    s.url = url;
    const auto st = check_smtp_settings(s);
    EXPECT_TRUE(st) << url << ": " << st.error().describe();
  }
  SmtpSettings literal;
  literal.url = "smtp://127.0.0.1:2525";
  literal.helo_domain = "[IPv6:2001:db8::1]";
  EXPECT_TRUE(check_smtp_settings(literal));
}

TEST(CheckSmtpSettings, RefusesWhatIsNotAnSmtpServerUrl) {
  struct Case {
    const char* url;
    const char* helo;
    long timeout;
    const char* field;
  };
  const Case cases[] = {
      {"http://x", "", 60, "mail.smtp_url"},
      {"", "", 60, "mail.smtp_url"},
      {"smtp://", "", 60, "mail.smtp_url"},
      {"smtp://:25", "", 60, "mail.smtp_url"},
      {"mail.example.vn:25", "", 60, "mail.smtp_url"},
      {"smtp://user:secret@mail.example.vn", "", 60, "mail.smtp_url"},
      {"smtp://mail.example.vn/ehlo.example.vn", "", 60, "mail.smtp_url"},
      {"smtp://mail.example.vn?x=1", "", 60, "mail.smtp_url"},
      {"smtp://mail.example.vn", "bad name/..", 60, "mail.helo_domain"},
      {"smtp://mail.example.vn", "", 0, "mail.timeout_seconds"},
  };
  for (const auto& c : cases) {
    SmtpSettings s;
    s.url = c.url;
    s.helo_domain = c.helo;
    s.timeout = std::chrono::seconds(c.timeout);
    const auto st = check_smtp_settings(s);
    ASSERT_FALSE(st) << c.url;
    EXPECT_EQ(st.error().code, ErrorCode::invalid_input) << c.url;
    EXPECT_EQ(st.error().context, c.field) << c.url;
    EXPECT_EQ(st.error().describe().find("secret"), std::string::npos);
  }
}

}  // namespace
}  // namespace ct::notify
