#include "common/process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace ct {
namespace {

constexpr std::size_t kMaxErrors = 64 * 1024;

// A file descriptor closed when it goes out of scope.
class Fd final {
 public:
  explicit Fd(int fd = -1) noexcept : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const noexcept { return fd_; }
  void reset() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

}  // namespace

Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                  const std::optional<std::filesystem::path>& stdout_file) {
  if (argv.empty()) return fail(ErrorCode::internal, "Thiếu chương trình cần chạy", "No program to run");
  const std::string& program = argv.front();
  Fd out(stdout_file ? ::open(stdout_file->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)
                     : ::open("/dev/null", O_WRONLY | O_CLOEXEC));
  Fd in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (out.get() < 0 || in.get() < 0) {
    return fail(ErrorCode::unavailable, "Không mở được tệp kết quả của " + program,
                "Cannot open the output file of " + program, stdout_file ? stdout_file->string() : "/dev/null");
  }
  std::array<int, 2> pipe_fds{};
  if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) {
    return fail(ErrorCode::unavailable, "Không chạy được " + program, "Cannot run " + program, program);
  }
  Fd err_read(pipe_fds[0]);
  Fd err_write(pipe_fds[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, out.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), 2);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  err_write.reset();
  if (rc != 0) {
    return fail(ErrorCode::unavailable, "Không chạy được " + program + ": " + std::strerror(rc),
                "Cannot run " + program + ": " + std::strerror(rc), program);
  }
  ProcessResult result;
  std::array<char, 4096> buf{};
  for (;;) {
    const ssize_t n = ::read(err_read.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (result.errors.size() < kMaxErrors) {
      result.errors.append(buf.data(), std::min<std::size_t>(static_cast<std::size_t>(n), kMaxErrors - result.errors.size()));
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return fail(ErrorCode::unavailable, "Không chờ được " + program, "Cannot wait for " + program, program);
    }
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace ct
