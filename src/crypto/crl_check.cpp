// check_crl_file: the pre-release check of a CRL (SPEC §6), reading the file once through a
// fixed buffer. The TBSCertList bytes are fed to EVP_DigestVerifyUpdate as they are consumed, so
// the signature is checked without holding the CRL in memory.
//
// What it guarantees on success: the file is exactly one DER CertificateList (RFC 5280 §5.1),
// version v2; both AlgorithmIdentifiers are equal and the signature verifies under the issuer
// certificate's key; the issuer Name is byte-for-byte the issuer certificate's subject; AKI
// keyIdentifier equals the issuer's key identifier; cRLNumber is present, non-critical, at most
// 20 octets; deltaCRLIndicator, when present, is critical; no unknown critical extension;
// thisUpdate < nextUpdate; the revoked list, when present, is non-empty, and every entry has a
// positive serial of at most 20 octets, times of the right ASN.1 type, and valid reason codes.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "crypto/crl.h"
#include "crypto/crl_internal.h"
#include "crypto/der.h"
#include "crypto/ossl_error.h"

namespace ct::crypto {

namespace {

constexpr std::size_t kReadBuffer = std::size_t{256} << 10U;

[[nodiscard]] tl::unexpected<Error> bad(const std::string& vi, const std::string& en) {
  return fail(ErrorCode::invalid_input, "CRL không hợp lệ: " + vi, "Invalid CRL: " + en);
}

class FdCloser final {
 public:
  explicit FdCloser(int fd) noexcept : fd_(fd) {}
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const noexcept { return fd_; }

 private:
  int fd_;
};

// Sequential reader over a file with one fixed buffer. Elements it returns point into the
// buffer and stay valid until the next call. While `verifying`, consumed bytes go to the
// signature check (held back in `pending` until the verifier is initialised).
class Source final {
 public:
  explicit Source(int fd) : fd_(fd), buf_(kReadBuffer) {}

  [[nodiscard]] std::uint64_t pos() const noexcept { return pos_; }
  [[nodiscard]] bool io_failed() const noexcept { return io_failed_; }

  // Reads a header and consumes it; its content must end by `limit`.
  [[nodiscard]] std::optional<der::Header> open(std::uint8_t tag, std::uint64_t limit) {
    const auto h = peek_header();
    if (!h || h->tag != tag || pos_ + h->header_size + h->length > limit) return std::nullopt;
    if (!consume(h->header_size)) return std::nullopt;
    return h;
  }
  // Reads a whole element (at most the buffer size) and consumes it; it must end by `limit`.
  [[nodiscard]] std::optional<der::Element> element(std::uint64_t limit) {
    const auto h = peek_header();
    if (!h) return std::nullopt;
    const std::size_t total = h->header_size + h->length;
    if (h->length > buf_.size() || pos_ + total > limit || !fill(total)) return std::nullopt;
    der::Element e;
    e.tag = h->tag;
    e.encoded = std::span<const std::uint8_t>(buf_).subspan(start_, total);
    e.content = e.encoded.subspan(h->header_size);
    if (!consume(total)) return std::nullopt;
    return e;
  }
  [[nodiscard]] std::optional<std::uint8_t> peek_tag() {
    if (!fill(1)) return std::nullopt;
    return buf_[start_];
  }
  [[nodiscard]] bool at_eof() { return !fill(1) && !io_failed_; }

  void verify_with(EVP_MD_CTX* ctx) { verifier_ = ctx; }
  void set_verifying(bool on) noexcept { verifying_ = on; }
  [[nodiscard]] bool flush_pending() {
    const bool ok = EVP_DigestVerifyUpdate(verifier_, pending_.data(), pending_.size()) == 1;
    pending_.clear();
    return ok;
  }

 private:
  [[nodiscard]] std::optional<der::Header> peek_header() {
    (void)fill(der::kMaxHeaderSize);
    return der::parse_header(std::span<const std::uint8_t>(buf_).subspan(start_, end_ - start_));
  }
  // Ensures `need` bytes are buffered; false at end of file or on a read error.
  [[nodiscard]] bool fill(std::size_t need) {
    if (end_ - start_ >= need) return true;
    if (need > buf_.size() || io_failed_) return false;
    std::memmove(buf_.data(), buf_.data() + start_, end_ - start_);
    end_ -= start_;
    start_ = 0;
    while (end_ < need) {
      const ssize_t n = ::read(fd_, buf_.data() + end_, buf_.size() - end_);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) io_failed_ = true;
      if (n <= 0) return false;
      end_ += static_cast<std::size_t>(n);
    }
    return true;
  }
  [[nodiscard]] bool consume(std::size_t n) {
    if (verifying_) {
      const std::uint8_t* p = buf_.data() + start_;
      if (verifier_ == nullptr) {
        pending_.insert(pending_.end(), p, p + n);
      } else if (EVP_DigestVerifyUpdate(verifier_, p, n) != 1) {
        return false;
      }
    }
    start_ += n;
    pos_ += n;
    return true;
  }

  int fd_;
  Bytes buf_;
  std::size_t start_ = 0;
  std::size_t end_ = 0;
  std::uint64_t pos_ = 0;
  bool io_failed_ = false;
  bool verifying_ = false;
  EVP_MD_CTX* verifier_ = nullptr;
  Bytes pending_;
};

struct Extension {
  std::span<const std::uint8_t> oid;
  bool critical = false;
  std::span<const std::uint8_t> value;
};

// Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
[[nodiscard]] std::optional<Extension> parse_extension(const der::Element& e) {
  if (e.tag != der::kSequence) return std::nullopt;
  der::Reader r(e.content);
  const auto oid = r.next(der::kOid);
  if (!oid) return std::nullopt;
  Extension x;
  x.oid = oid->content;
  if (const auto crit = r.next_if(der::kBoolean)) {
    // DER: DEFAULT FALSE is never encoded, TRUE is 0xFF (X.690 §11.1, §11.5).
    if (crit->content.size() != 1 || crit->content[0] != 0xFF) return std::nullopt;
    x.critical = true;
  }
  const auto value = r.next(der::kOctetString);
  if (!value || !r.empty() || !der::well_formed(value->content)) return std::nullopt;
  x.value = value->content;
  return x;
}

[[nodiscard]] bool same(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// revokedCertificates entry content: serial, revocationDate, crlEntryExtensions OPTIONAL.
[[nodiscard]] bool entry_ok(std::span<const std::uint8_t> content) {
  der::Reader r(content);
  const auto serial = r.next(der::kInteger);
  if (!serial) return false;
  const auto mag = der::positive_integer(serial->content);
  if (!mag || mag->size() > crl_detail::kMaxSerialOctets) return false;
  const auto when = r.next();
  if (!when || !der::parse_time(*when)) return false;
  if (const auto exts = r.next_if(der::kSequence)) {
    der::Reader xr(exts->content);
    if (xr.empty()) return false;  // SIZE (1..MAX)
    bool seen_reason = false;
    bool seen_invalidity = false;
    while (!xr.empty()) {
      const auto e = xr.next();
      const auto x = e ? parse_extension(*e) : std::nullopt;
      if (!x) return false;
      der::Reader vr(x->value);
      if (same(x->oid, crl_detail::kOidReasonCode)) {
        const auto v = vr.next(der::kEnumerated);
        const auto code = v ? der::small_unsigned(v->content) : std::nullopt;
        if (seen_reason || x->critical || !code || !crl_detail::is_valid_reason(*code) || !vr.empty()) return false;
        seen_reason = true;
      } else if (same(x->oid, crl_detail::kOidInvalidityDate)) {
        const auto v = vr.next(der::kGeneralizedTime);
        if (seen_invalidity || !v || !der::parse_time(*v, false) || !vr.empty()) return false;
        seen_invalidity = true;
      } else if (x->critical) {
        return false;
      }
    }
  }
  return r.empty() && !r.failed();
}

[[nodiscard]] const EVP_MD* signature_md(std::span<const std::uint8_t> alg_der, const EVP_PKEY* key) {
  const unsigned char* p = alg_der.data();
  const ossl::Ptr<X509_ALGOR, X509_ALGOR_free> alg(d2i_X509_ALGOR(nullptr, &p, static_cast<long>(alg_der.size())));
  if (!alg || p != alg_der.data() + alg_der.size()) return nullptr;
  const ASN1_OBJECT* obj = nullptr;
  X509_ALGOR_get0(&obj, nullptr, nullptr, alg.get());
  int md_nid = NID_undef;
  int pk_nid = NID_undef;
  if (OBJ_find_sigid_algs(OBJ_obj2nid(obj), &md_nid, &pk_nid) != 1 || md_nid == NID_undef) return nullptr;
  if (pk_nid != EVP_PKEY_get_base_id(key)) return nullptr;
  if (md_nid != NID_sha256 && md_nid != NID_sha384 && md_nid != NID_sha512) return nullptr;
  return EVP_get_digestbynid(md_nid);
}

}  // namespace

Result<CrlSummary> check_crl_file(const std::filesystem::path& crl,
                                  std::span<const std::uint8_t> issuer_certificate_der) {
  ErrorQueueGuard guard;
  auto issuer = crl_detail::load_issuer(issuer_certificate_der);
  if (!issuer) return fail(issuer.error());
  EVP_PKEY* issuer_key = X509_get0_pubkey(issuer->cert.get());
  if (issuer_key == nullptr) return fail(openssl_error(ErrorCode::invalid_input, "Khóa công khai của bên phát hành không hợp lệ", "Invalid issuer public key"));

  const FdCloser fd(::open(crl.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0) {
    const std::string why = std::strerror(errno);
    return fail(ErrorCode::unavailable, "Không mở được tệp CRL: " + why, "Cannot open the CRL file: " + why,
                crl.string());
  }
  const auto file_size = static_cast<std::uint64_t>(st.st_size);
  Source src(fd.get());
  const ossl::MdCtx verifier(EVP_MD_CTX_new());
  if (!verifier) return fail(openssl_error(ErrorCode::internal, "Hết bộ nhớ", "Out of memory"));
  CrlSummary summary;

  const auto outer = src.open(der::kSequence, file_size);
  if (!outer || src.pos() + outer->length != file_size) {
    return bad("không phải một cấu trúc DER trọn vẹn", "not exactly one DER structure");
  }
  src.set_verifying(true);
  const auto tbs = src.open(der::kSequence, file_size);
  if (!tbs) return bad("TBSCertList hỏng", "malformed TBSCertList");
  const std::uint64_t tbs_end = src.pos() + tbs->length;

  const auto version = src.element(tbs_end);
  if (!version || version->tag != der::kInteger || version->content.size() != 1 || version->content[0] != 1) {
    return bad("phiên bản phải là v2", "the version must be v2");
  }
  const auto alg = src.element(tbs_end);
  if (!alg || alg->tag != der::kSequence) return bad("thiếu thuật toán chữ ký", "missing signature algorithm");
  const Bytes sig_alg(alg->encoded.begin(), alg->encoded.end());
  const EVP_MD* md = signature_md(sig_alg, issuer_key);
  if (md == nullptr) {
    return bad("thuật toán chữ ký không hỗ trợ hoặc không khớp khóa của bên phát hành",
               "signature algorithm unsupported or not matching the issuer key");
  }
  if (EVP_DigestVerifyInit(verifier.get(), nullptr, md, nullptr, issuer_key) != 1) {
    return fail(openssl_error(ErrorCode::internal, "Không khởi tạo được kiểm tra chữ ký",
                              "Cannot initialise signature verification"));
  }
  src.verify_with(verifier.get());
  if (!src.flush_pending()) return fail(openssl_error(ErrorCode::internal, "Lỗi băm", "Digest failure"));

  const auto name = src.element(tbs_end);
  if (!name || name->tag != der::kSequence || !same(name->encoded, issuer->name_der)) {
    return bad("tên bên phát hành khác với chứng thư số của bên phát hành",
               "the issuer name differs from the issuer certificate's subject");
  }
  const auto this_el = src.element(tbs_end);
  const auto this_update = this_el ? der::parse_time(*this_el) : std::nullopt;
  const auto next_el = this_update ? src.element(tbs_end) : std::nullopt;
  const auto next_update = next_el ? der::parse_time(*next_el) : std::nullopt;
  if (!this_update || !next_update) return bad("thisUpdate/nextUpdate thiếu hoặc sai", "bad or missing thisUpdate/nextUpdate");
  if (*this_update >= *next_update) return bad("nextUpdate phải sau thisUpdate", "nextUpdate must be after thisUpdate");
  summary.this_update = *this_update;
  summary.next_update = *next_update;

  if (src.pos() < tbs_end && src.peek_tag() == der::kSequence) {
    const auto list = src.open(der::kSequence, tbs_end);
    if (!list || list->length == 0) return bad("danh sách thu hồi hỏng hoặc rỗng", "malformed or empty revoked list");
    const std::uint64_t list_end = src.pos() + list->length;
    while (src.pos() < list_end) {
      const auto entry = src.element(list_end);
      if (!entry || entry->tag != der::kSequence || !entry_ok(entry->content)) {
        return bad("mục thứ " + std::to_string(summary.entries + 1) + " hỏng",
                   "entry " + std::to_string(summary.entries + 1) + " is malformed");
      }
      ++summary.entries;
    }
  }

  bool seen_aki = false;
  bool seen_number = false;
  if (src.pos() < tbs_end) {
    const auto ctx0 = src.element(tbs_end);
    der::Reader outer_r(ctx0 ? ctx0->content : std::span<const std::uint8_t>{});
    const auto exts = ctx0 && ctx0->tag == der::context_constructed(0) ? outer_r.next(der::kSequence) : std::nullopt;
    if (!exts || !outer_r.empty()) return bad("phần mở rộng hỏng", "malformed extensions");
    der::Reader r(exts->content);
    bool seen_delta = false;
    while (!r.empty()) {
      const auto e = r.next();
      const auto x = e ? parse_extension(*e) : std::nullopt;
      if (!x) return bad("phần mở rộng hỏng", "malformed extension");
      der::Reader vr(x->value);
      if (same(x->oid, crl_detail::kOidAuthorityKeyId)) {
        const auto seq = vr.next(der::kSequence);
        der::Reader ar(seq ? seq->content : std::span<const std::uint8_t>{});
        const auto kid = ar.next_if(der::context_primitive(0));
        if (seen_aki || x->critical || !kid || !same(kid->content, issuer->key_id)) {
          return bad("AKI không khớp khóa của bên phát hành", "AKI does not match the issuer key");
        }
        seen_aki = true;
      } else if (same(x->oid, crl_detail::kOidCrlNumber)) {
        const auto v = vr.next(der::kInteger);
        const auto& c = v ? v->content : std::span<const std::uint8_t>{};
        const bool zero = c.size() == 1 && c[0] == 0;
        const auto mag = zero ? std::optional(std::span<const std::uint8_t>{}) : der::positive_integer(c);
        if (seen_number || x->critical || !mag || mag->size() > crl_detail::kMaxSerialOctets || !vr.empty()) {
          return bad("cRLNumber phải có mặt, không critical, tối đa 20 octet",
                     "cRLNumber must be present, non-critical, at most 20 octets");
        }
        summary.crl_number.assign(mag->begin(), mag->end());
        if (summary.crl_number.empty()) summary.crl_number.push_back(0);
        seen_number = true;
      } else if (same(x->oid, crl_detail::kOidDeltaCrlIndicator)) {
        if (seen_delta || !x->critical) return bad("deltaCRLIndicator phải là critical", "deltaCRLIndicator must be critical");
        seen_delta = true;
      } else if (x->critical) {
        return bad("có phần mở rộng critical không nhận biết", "unrecognised critical extension");
      }
    }
    summary.is_delta = seen_delta;
  }
  if (!seen_aki) return bad("thiếu AKI", "missing AKI");
  if (!seen_number) return bad("thiếu cRLNumber", "missing cRLNumber");
  if (src.pos() != tbs_end) return bad("dữ liệu thừa trong TBSCertList", "trailing data in TBSCertList");
  src.set_verifying(false);

  const auto alg2 = src.element(file_size);
  if (!alg2 || !same(alg2->encoded, sig_alg)) {
    return bad("hai thuật toán chữ ký khác nhau (RFC 5280 §5.1.1.2)", "the two signature algorithms differ (RFC 5280 §5.1.1.2)");
  }
  const auto sig = src.element(file_size);
  if (!sig || sig->tag != der::kBitString || sig->content.empty() || sig->content[0] != 0) {
    return bad("chữ ký hỏng", "malformed signature");
  }
  const Bytes value(sig->content.begin() + 1, sig->content.end());
  if (src.pos() != file_size || !src.at_eof() || src.io_failed()) return bad("dữ liệu thừa sau CRL", "trailing data");
  if (EVP_DigestVerifyFinal(verifier.get(), value.data(), value.size()) != 1) {
    return fail(openssl_error(ErrorCode::invalid_input, "CRL không hợp lệ: chữ ký sai",
                              "Invalid CRL: the signature does not verify"));
  }
  return summary;
}

}  // namespace ct::crypto
