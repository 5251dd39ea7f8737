// CrlWriter: RFC 5280 §5.1 CertificateList, built streaming.
//
//   CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm, signatureValue BIT STRING }
//   TBSCertList ::= SEQUENCE {
//     version Version (v2 = 1), signature AlgorithmIdentifier, issuer Name,
//     thisUpdate Time, nextUpdate Time,
//     revokedCertificates SEQUENCE OF SEQUENCE {
//       userCertificate CertificateSerialNumber, revocationDate Time,
//       crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
//     crlExtensions [0] EXPLICIT Extensions OPTIONAL }
//
// Entries are encoded one by one into the spool file as they are added; finish() hashes the TBS
// (header, spool, trailer) in one pass, has the key sign the digest, and copies everything into
// the output in a second pass. Memory use does not depend on the number of entries.

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

#include "crypto/crl.h"
#include "crypto/crl_internal.h"
#include "crypto/der.h"
#include "crypto/keys_internal.h"
#include "crypto/ossl_error.h"

namespace ct::crypto {

namespace {

constexpr std::size_t kIoBuffer = std::size_t{1} << 20U;

class UniqueFd final {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) noexcept : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    if (this != &o) reset(o.release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }
  [[nodiscard]] int get() const noexcept { return fd_; }
  [[nodiscard]] explicit operator bool() const noexcept { return fd_ >= 0; }
  int release() noexcept { return std::exchange(fd_, -1); }
  void reset(int fd = -1) noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  // close(2) with its result, for files whose contents must be durable.
  [[nodiscard]] bool close() noexcept { return ::close(release()) == 0; }

 private:
  int fd_ = -1;
};

[[nodiscard]] Error io_error(const char* vi_what, const char* en_what, const std::filesystem::path& p) {
  const std::string why = std::strerror(errno);
  return Error::make(ErrorCode::unavailable, std::string(vi_what) + ": " + why, std::string(en_what) + ": " + why,
                     p.string());
}

[[nodiscard]] bool write_all(int fd, std::span<const std::uint8_t> data) noexcept {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data = data.subspan(static_cast<std::size_t>(n));
  }
  return true;
}

// Appends to a file through one fixed buffer.
class BufferedOut final {
 public:
  BufferedOut(UniqueFd fd, std::span<std::uint8_t> buffer) noexcept : fd_(std::move(fd)), buf_(buffer) {}
  [[nodiscard]] bool write(std::span<const std::uint8_t> data) noexcept {
    if (data.size() > buf_.size() - used_) {
      if (!flush()) return false;
      if (data.size() >= buf_.size()) return write_all(fd_.get(), data);
    }
    std::memcpy(buf_.data() + used_, data.data(), data.size());
    used_ += data.size();
    return true;
  }
  [[nodiscard]] bool flush() noexcept {
    const bool ok = write_all(fd_.get(), buf_.first(used_));
    used_ = 0;
    return ok;
  }

 private:
  UniqueFd fd_;
  std::span<std::uint8_t> buf_;
  std::size_t used_ = 0;
};

// Calls `sink` with successive chunks of the first `size` bytes of `path`; false on a read error
// or when the file is shorter than `size`.
template <typename Sink>
[[nodiscard]] bool stream_file(const std::filesystem::path& path, std::uint64_t size, std::span<std::uint8_t> buffer,
                               Sink&& sink) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return false;
  std::uint64_t left = size;
  while (left > 0) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
    const ssize_t n = ::read(fd.get(), buffer.data(), want);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    if (!sink(buffer.first(static_cast<std::size_t>(n)))) return false;
    left -= static_cast<std::uint64_t>(n);
  }
  return true;
}

[[nodiscard]] Status check_integer_magnitude(std::span<const std::uint8_t> m, bool allow_zero, const char* field) {
  const auto s = der::strip_leading_zeros(m);
  if ((!allow_zero && s.empty()) || s.size() > crl_detail::kMaxSerialOctets) {
    return fail(ErrorCode::invalid_input, "Số nguyên phải dương và dài tối đa 20 octet",
                "The integer must be positive and at most 20 octets", field);
  }
  return {};
}

void write_extension(der::Writer& w, std::span<const std::uint8_t> oid, bool critical,
                     const auto& write_value) {
  const auto ext = w.begin(der::kSequence);
  w.oid_raw(oid);
  if (critical) w.boolean(true);  // DEFAULT FALSE is omitted in DER (X.690 §11.5)
  const auto value = w.begin(der::kOctetString);
  write_value(w);
  w.end(value);
  w.end(ext);
}

}  // namespace

struct CrlWriter::State {
  CrlParams params;
  Bytes issuer_name;
  Bytes key_id;
  std::filesystem::path spool_path;
  Bytes buffer;  // kIoBuffer octets, reused by every pass
  std::optional<BufferedOut> spool;
  std::uint64_t count = 0;
  std::uint64_t spool_bytes = 0;
  bool broken = false;

  ~State() {
    spool.reset();
    std::error_code ec;
    std::filesystem::remove(spool_path, ec);
  }
};

CrlWriter::CrlWriter(Passkey, std::unique_ptr<State> state) : state_(std::move(state)) {}
CrlWriter::~CrlWriter() = default;

Result<std::unique_ptr<CrlWriter>> CrlWriter::begin(CrlParams params, std::filesystem::path spool) {
  ErrorQueueGuard guard;
  auto issuer = crl_detail::load_issuer(params.issuer_certificate_der);
  if (!issuer) return fail(issuer.error());
  if (auto ok = check_integer_magnitude(params.crl_number, true, "crl_number"); !ok) return fail(ok.error());
  if (params.crl_number.empty()) params.crl_number.push_back(0);
  if (params.base_crl_number) {
    if (auto ok = check_integer_magnitude(*params.base_crl_number, true, "base_crl_number"); !ok) {
      return fail(ok.error());
    }
  }
  if (params.this_update >= params.next_update) {
    return fail(ErrorCode::invalid_input, "nextUpdate phải sau thisUpdate", "nextUpdate must be after thisUpdate",
                "next_update");
  }
  UniqueFd fd(::open(spool.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd) return fail(io_error("Không tạo được tệp tạm", "Cannot create the spool file", spool));

  auto state = std::make_unique<State>();
  state->params = std::move(params);
  state->issuer_name = std::move(issuer->name_der);
  state->key_id = std::move(issuer->key_id);
  state->spool_path = std::move(spool);
  state->buffer.resize(kIoBuffer);
  state->spool.emplace(std::move(fd), state->buffer);
  return std::make_unique<CrlWriter>(Passkey{}, std::move(state));
}

Status CrlWriter::add(const CrlEntry& entry) {
  State& s = *state_;
  if (s.broken) {
    return fail(ErrorCode::internal, "Trình ghi CRL đã gặp lỗi trước đó", "The CRL writer failed earlier");
  }
  if (auto ok = check_integer_magnitude(entry.serial, false, "serial"); !ok) return fail(ok.error());
  if (entry.reason && !crl_detail::is_valid_reason(static_cast<std::uint64_t>(*entry.reason))) {
    return fail(ErrorCode::invalid_input, "Lý do thu hồi không hợp lệ", "Invalid revocation reason", "reason");
  }
  // The largest entry is about 90 octets (20-octet serial, two extensions).
  std::array<std::uint8_t, 192> buf;
  der::Writer w(buf);
  const auto seq = w.begin(der::kSequence);
  w.integer(entry.serial);
  w.time(entry.revoked_at);
  // RFC 5280 §5.3.1: reasonCode is omitted rather than sent as unspecified.
  const bool has_reason = entry.reason && *entry.reason != CrlReason::unspecified;
  if (has_reason || entry.invalidity_date) {
    const auto exts = w.begin(der::kSequence);
    if (has_reason) {
      write_extension(w, crl_detail::kOidReasonCode, false,
                      [&](der::Writer& x) { x.enumerated(static_cast<std::uint64_t>(*entry.reason)); });
    }
    if (entry.invalidity_date) {
      // RFC 5280 §5.3.2: invalidityDate is always a GeneralizedTime.
      write_extension(w, crl_detail::kOidInvalidityDate, false,
                      [&](der::Writer& x) { x.generalized_time(*entry.invalidity_date); });
    }
    w.end(exts);
  }
  w.end(seq);
  if (w.failed()) {
    return fail(ErrorCode::invalid_input, "Không mã hóa được mục CRL (thời điểm ngoài phạm vi?)",
                "Cannot encode the CRL entry (time out of range?)", "entry");
  }
  if (!s.spool->write(w.view())) {
    s.broken = true;
    return fail(io_error("Không ghi được tệp tạm", "Cannot write the spool file", s.spool_path));
  }
  ++s.count;
  s.spool_bytes += w.size();
  return {};
}

std::uint64_t CrlWriter::count() const noexcept { return state_->count; }

Status CrlWriter::finish(const PrivateKey& issuer_key, const std::filesystem::path& out) {
  ErrorQueueGuard guard;
  State& s = *state_;
  if (s.broken || !s.spool->flush()) {
    s.broken = true;
    return fail(io_error("Không ghi được tệp tạm", "Cannot write the spool file", s.spool_path));
  }
  if (issuer_key.public_key_der().empty()) {
    return fail(ErrorCode::invalid_input, "Khóa ký CRL không hợp lệ", "Invalid CRL signing key");
  }
  const Bytes sig_alg = issuer_key.signature_algorithm_der();

  der::Writer head;
  head.integer(std::uint64_t{1});  // v2
  head.raw(sig_alg);
  head.raw(s.issuer_name);
  head.time(s.params.this_update);
  head.time(s.params.next_update);
  // RFC 5280 §5.1.2.6: with no revoked certificates the list is absent, not empty.
  const der::EncodedHeader revoked =
      s.count > 0 ? der::make_header(der::kSequence, s.spool_bytes) : der::EncodedHeader{};

  der::Writer tail;
  const auto ctx0 = tail.begin(der::context_constructed(0));
  const auto exts = tail.begin(der::kSequence);
  write_extension(tail, crl_detail::kOidAuthorityKeyId, false, [&](der::Writer& x) {
    const auto aki = x.begin(der::kSequence);
    x.tlv(der::context_primitive(0), s.key_id);  // keyIdentifier [0] IMPLICIT, RFC 5280 §4.2.1.1
    x.end(aki);
  });
  write_extension(tail, crl_detail::kOidCrlNumber, false, [&](der::Writer& x) { x.integer(s.params.crl_number); });
  if (s.params.base_crl_number) {
    // RFC 5280 §5.2.4: deltaCRLIndicator is critical.
    write_extension(tail, crl_detail::kOidDeltaCrlIndicator, true,
                    [&](der::Writer& x) { x.integer(*s.params.base_crl_number); });
  }
  tail.end(exts);
  tail.end(ctx0);
  if (head.failed() || tail.failed()) {
    return fail(ErrorCode::invalid_input, "Không mã hóa được CRL (thời điểm ngoài phạm vi?)",
                "Cannot encode the CRL (time out of range?)");
  }

  const std::uint64_t tbs_len = head.size() + revoked.size + s.spool_bytes + tail.size();
  if (tbs_len > 0xFFFF0000U) {
    return fail(ErrorCode::invalid_input, "CRL quá lớn", "The CRL is too large");
  }
  const der::EncodedHeader tbs_header = der::make_header(der::kSequence, static_cast<std::size_t>(tbs_len));

  // Pass 1: the TBSCertList digest, for a key that signs digests (software or HSM).
  ossl::MdCtx md(EVP_MD_CTX_new());
  if (!md || EVP_DigestInit_ex(md.get(), evp_md(issuer_key.signature_hash()), nullptr) != 1) {
    return fail(openssl_error(ErrorCode::internal, "Không khởi tạo được hàm băm", "Cannot initialise the digest"));
  }
  const auto update = [&](std::span<const std::uint8_t> d) { return EVP_DigestUpdate(md.get(), d.data(), d.size()) == 1; };
  bool ok = update(tbs_header.view()) && update(head.view()) && update(revoked.view());
  ok = ok && stream_file(s.spool_path, s.spool_bytes, s.buffer, update);
  ok = ok && update(tail.view());
  Bytes dgst(EVP_MAX_MD_SIZE);
  unsigned int dgst_len = 0;
  if (!ok || EVP_DigestFinal_ex(md.get(), dgst.data(), &dgst_len) != 1) {
    return fail(openssl_error(ErrorCode::internal, "Không băm được nội dung CRL", "Cannot hash the CRL content"));
  }
  dgst.resize(dgst_len);
  auto signature = issuer_key.sign_digest(dgst);
  if (!signature) return fail(signature.error());

  der::Writer trailer;
  trailer.raw(sig_alg);
  trailer.bit_string(*signature);
  const std::uint64_t total = tbs_header.size + tbs_len + trailer.size();
  const der::EncodedHeader outer = der::make_header(der::kSequence, static_cast<std::size_t>(total));
  if (outer.size == 0 || trailer.failed()) {
    return fail(ErrorCode::invalid_input, "CRL quá lớn", "The CRL is too large");
  }

  // Pass 2: the CRL itself, written to a temporary file, made durable, then renamed into place.
  std::filesystem::path tmp = out;
  tmp += ".tmp";
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (!fd) return fail(io_error("Không tạo được tệp CRL", "Cannot create the CRL file", tmp));
  // The spool is copied in kIoBuffer chunks; header and trailer are single small writes.
  const int out_fd = fd.get();
  const auto put = [&](std::span<const std::uint8_t> d) { return write_all(out_fd, d); };
  ok = put(outer.view()) && put(tbs_header.view()) && put(head.view()) && put(revoked.view());
  ok = ok && stream_file(s.spool_path, s.spool_bytes, s.buffer, put);
  ok = ok && put(tail.view()) && put(trailer.view());
  ok = ok && ::fsync(out_fd) == 0;
  ok = ok && fd.close();
  if (!ok || ::rename(tmp.c_str(), out.c_str()) != 0) {
    const Error e = io_error("Không ghi được tệp CRL", "Cannot write the CRL file", out);
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    return fail(e);
  }
  const std::filesystem::path dir = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
  if (const UniqueFd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)); dfd) {
    (void)::fsync(dfd.get());  // best effort: the rename itself is durable on most file systems
  }
  return {};
}

Result<Bytes> CrlWriter::finish(const PrivateKey& issuer_key) {
  std::filesystem::path out = state_->spool_path;
  out += ".crl";
  if (auto ok = finish(issuer_key, out); !ok) return fail(ok.error());
  Bytes der;
  std::error_code ec;
  const auto size = std::filesystem::file_size(out, ec);
  if (!ec) {
    der.resize(static_cast<std::size_t>(size));
    std::size_t at = 0;
    const bool read_ok = stream_file(out, size, state_->buffer, [&](std::span<const std::uint8_t> d) {
      std::memcpy(der.data() + at, d.data(), d.size());
      at += d.size();
      return true;
    });
    if (!read_ok) ec = std::make_error_code(std::errc::io_error);
  }
  std::error_code ignored;
  std::filesystem::remove(out, ignored);
  if (ec) {
    return fail(ErrorCode::unavailable, "Không đọc lại được tệp CRL", "Cannot read back the CRL file", out.string());
  }
  return der;
}

}  // namespace ct::crypto
