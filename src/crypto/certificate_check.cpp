// Over 450 lines on purpose: the pre-release rules of RFC 5280 read as one ordered list, each beside its field.
// check_certificate: the pre-release check of SPEC §6. It re-parses the Certificate DER with
// our own strict DER reader (independent of OpenSSL's encoder, which built it), decodes every
// field and extension, compares them with the spec and the RFC 5280 rules they follow, and
// verifies the signature with the issuer's key. The first violation is reported with its rule.
//
//   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
//   TBSCertificate ::= SEQUENCE { [0] EXPLICIT version, serialNumber, signature, issuer,
//                                 validity, subject, subjectPublicKeyInfo, [3] EXPLICIT extensions }

#include <algorithm>
#include <map>
#include <set>

#include "crypto/certificate.h"
#include "crypto/der.h"
#include "crypto/ossl_error.h"
#include "crypto/spki.h"
#include "crypto/x509_internal.h"

namespace ct::crypto {
namespace {

using Span = std::span<const std::uint8_t>;

[[nodiscard]] Status violation(const std::string& rule, const std::string& vi, const std::string& en) {
  return fail(ErrorCode::internal, "Chứng thư số không đạt kiểm tra trước phát hành [" + rule + "]: " + vi,
              "Certificate failed the pre-release check [" + rule + "]: " + en);
}
[[nodiscard]] Status differs(const std::string& rule, const std::string& section) {
  return violation(rule, "khác yêu cầu", "different from the spec (RFC 5280 " + section + ")");
}

constexpr const char* kBasicConstraints = "2.5.29.19";
constexpr const char* kKeyUsage = "2.5.29.15";
constexpr const char* kExtKeyUsage = "2.5.29.37";
constexpr const char* kSubjectKeyId = "2.5.29.14";
constexpr const char* kAuthorityKeyId = "2.5.29.35";
constexpr const char* kPolicies = "2.5.29.32";
constexpr const char* kSubjectAltName = "2.5.29.17";
constexpr const char* kInfoAccess = "1.3.6.1.5.5.7.1.1";
constexpr const char* kCrlDistPoints = "2.5.29.31";
constexpr const char* kOcspNoCheck = "1.3.6.1.5.5.7.48.1.5";
constexpr const char* kAdOcsp = "1.3.6.1.5.5.7.48.1";
constexpr const char* kAdCaIssuers = "1.3.6.1.5.5.7.48.2";

struct Extension {
  bool critical = false;
  Span value;
};

[[nodiscard]] std::string eku_oid(const std::string& name) {
  static const std::vector<std::pair<std::string, std::string>> kNames{
      {"serverAuth", "1.3.6.1.5.5.7.3.1"},      {"clientAuth", "1.3.6.1.5.5.7.3.2"},
      {"codeSigning", "1.3.6.1.5.5.7.3.3"},     {"emailProtection", "1.3.6.1.5.5.7.3.4"},
      {"timeStamping", "1.3.6.1.5.5.7.3.8"},    {"OCSPSigning", "1.3.6.1.5.5.7.3.9"}};
  for (const auto& [n, oid] : kNames) {
    if (n == name) return oid;
  }
  return name;
}

[[nodiscard]] std::string dn_type(const std::string& oid) {
  static const std::vector<std::pair<std::string, std::string>> kTypes{
      {"2.5.4.6", "C"},  {"2.5.4.8", "ST"}, {"2.5.4.7", "L"},           {"2.5.4.10", "O"},
      {"2.5.4.11", "OU"}, {"2.5.4.3", "CN"}, {"2.5.4.5", "serialNumber"}, {"1.2.840.113549.1.9.1", "emailAddress"},
      {"0.9.2342.19200300.100.1.1", "UID"}};
  for (const auto& [o, t] : kTypes) {
    if (o == oid) return t;
  }
  return oid;
}

// RFC 5280 §4.1.2.4 and §4.1.2.6: one attribute per RDN, UTF8String, C and serialNumber
// PrintableString, emailAddress IA5String; decoded in order.
[[nodiscard]] std::optional<DistinguishedName> decode_name(Span name_content) {
  DistinguishedName dn;
  der::Reader rdns(name_content);
  while (!rdns.empty()) {
    auto set = rdns.next(der::kSet);
    if (!set) return std::nullopt;
    der::Reader atvs(set->content);
    auto atv = atvs.next(der::kSequence);
    if (!atv || !atvs.empty()) return std::nullopt;
    der::Reader parts(atv->content);
    auto oid = parts.next(der::kOid);
    auto value = parts.next();
    if (!oid || !value || !parts.empty()) return std::nullopt;
    const std::string type = dn_type(der::oid_text(oid->content));
    const std::uint8_t want = (type == "C" || type == "serialNumber") ? 0x13 : (type == "emailAddress" ? 0x16 : 0x0C);
    if (value->tag != want) return std::nullopt;
    dn.push_back({type, std::string(value->content.begin(), value->content.end())});
  }
  return dn;
}

[[nodiscard]] std::optional<std::vector<std::string>> oid_list(Span seq_content) {
  std::vector<std::string> out;
  der::Reader r(seq_content);
  while (!r.empty()) {
    auto oid = r.next(der::kOid);
    if (!oid) return std::nullopt;
    out.push_back(der::oid_text(oid->content));
  }
  return out;
}

// GeneralNames: rfc822Name [1], dNSName [2], uniformResourceIdentifier [6] (IA5String, implicit).
struct GeneralNames {
  std::vector<std::string> emails, dns, uris;
};
[[nodiscard]] std::optional<GeneralNames> general_names(Span content) {
  GeneralNames out;
  der::Reader r(content);
  while (!r.empty()) {
    auto gn = r.next();
    if (!gn) return std::nullopt;
    std::string text(gn->content.begin(), gn->content.end());
    if (gn->tag == der::context_primitive(1)) out.emails.push_back(std::move(text));
    else if (gn->tag == der::context_primitive(2)) out.dns.push_back(std::move(text));
    else if (gn->tag == der::context_primitive(6)) out.uris.push_back(std::move(text));
    else return std::nullopt;
  }
  return out;
}

[[nodiscard]] std::optional<Span> single(Span value, std::uint8_t tag) {
  der::Reader r(value);
  auto e = r.next(tag);
  if (!e || !r.empty()) return std::nullopt;
  return e->content;
}

[[nodiscard]] Status check_basic_constraints(const Extension& e, const CertificateSpec& spec) {
  auto seq = single(e.value, der::kSequence);
  if (!seq || !e.critical) return differs("basicConstraints", "§4.2.1.9");
  der::Reader r(*seq);
  bool ca = false;
  if (auto b = r.next_if(der::kBoolean)) {
    // DER: DEFAULT FALSE is omitted, so a present cA is TRUE (0xFF).
    if (b->content.size() != 1 || b->content[0] != 0xFF) return differs("basicConstraints", "§4.2.1.9");
    ca = true;
  }
  std::optional<int> path;
  if (auto n = r.next_if(der::kInteger)) {
    auto v = der::small_unsigned(n->content);
    if (!v || *v > 1000) return differs("basicConstraints", "§4.2.1.9");
    path = static_cast<int>(*v);
  }
  if (!r.empty() || ca != spec.is_ca || path != spec.path_length) return differs("basicConstraints", "§4.2.1.9");
  return {};
}

[[nodiscard]] Status check_key_usage(const Extension* e, const CertificateSpec& spec) {
  if (spec.key_usage.empty()) return e == nullptr ? Status{} : differs("keyUsage", "§4.2.1.3");
  if (e == nullptr || !e->critical) return differs("keyUsage", "§4.2.1.3");
  auto bits = single(e->value, der::kBitString);
  if (!bits || bits->empty() || (*bits)[0] > 7) return differs("keyUsage", "§4.2.1.3");
  std::set<std::string> found;
  for (std::size_t i = 1; i < bits->size(); ++i) {
    for (int b = 0; b < 8; ++b) {
      if (((*bits)[i] & (0x80U >> b)) == 0) continue;
      const std::size_t bit = (i - 1) * 8 + static_cast<std::size_t>(b);
      if (bit >= kKeyUsageNames.size()) return differs("keyUsage", "§4.2.1.3");
      found.insert(std::string(kKeyUsageNames[bit]));
    }
  }
  const std::set<std::string> wanted(spec.key_usage.begin(), spec.key_usage.end());
  if (found != wanted) return differs("keyUsage", "§4.2.1.3");
  if (found.contains("keyCertSign") != spec.is_ca) {
    return violation("keyUsage", "keyCertSign chỉ dành cho CA", "keyCertSign exactly for a CA (RFC 5280 §4.2.1.9)");
  }
  return {};
}

[[nodiscard]] Status check_lists(const std::map<std::string, Extension>& ext, const CertificateSpec& spec) {
  auto find = [&](const char* oid) -> const Extension* {
    auto it = ext.find(oid);
    return it == ext.end() ? nullptr : &it->second;
  };
  std::vector<std::string> want_eku;
  for (const auto& n : spec.extended_key_usage) want_eku.push_back(eku_oid(n));
  const Extension* eku = find(kExtKeyUsage);
  std::optional<std::vector<std::string>> got_eku = std::vector<std::string>{};
  if (eku != nullptr) {
    auto seq = single(eku->value, der::kSequence);
    got_eku = seq ? oid_list(*seq) : std::nullopt;
  }
  if ((eku != nullptr) == want_eku.empty() || (eku != nullptr && eku->critical) || got_eku != want_eku) {
    return differs("extendedKeyUsage", "§4.2.1.12");
  }

  const Extension* pol = find(kPolicies);
  std::vector<std::string> got_pol;
  if (pol != nullptr) {
    auto seq = single(pol->value, der::kSequence);
    if (!seq) return differs("certificatePolicies", "§4.2.1.4");
    der::Reader infos(*seq);
    while (!infos.empty()) {
      auto info = infos.next(der::kSequence);
      auto id = info ? single(info->encoded, der::kSequence) : std::nullopt;
      der::Reader in(id.value_or(Span{}));
      auto oid = in.next(der::kOid);
      if (!oid || !in.empty()) return differs("certificatePolicies", "§4.2.1.4");
      got_pol.push_back(der::oid_text(oid->content));
    }
  }
  if ((pol != nullptr) == spec.policy_oids.empty() || got_pol != spec.policy_oids) {
    return differs("certificatePolicies", "§4.2.1.4");
  }

  const Extension* san = find(kSubjectAltName);
  const bool want_san = !spec.san_emails.empty() || !spec.san_dns.empty();
  std::optional<GeneralNames> names = GeneralNames{};
  if (san != nullptr) {
    auto seq = single(san->value, der::kSequence);
    names = seq ? general_names(*seq) : std::nullopt;
  }
  if ((san != nullptr) != want_san || !names || names->emails != spec.san_emails || names->dns != spec.san_dns ||
      !names->uris.empty() || (san != nullptr && san->critical != spec.subject.empty())) {
    return differs("subjectAltName", "§4.2.1.6");
  }

  const Extension* aia = find(kInfoAccess);
  std::vector<std::string> ocsp, issuers;
  if (aia != nullptr) {
    auto seq = single(aia->value, der::kSequence);
    der::Reader ads(seq.value_or(Span{}));
    while (seq && !ads.empty()) {
      auto ad = ads.next(der::kSequence);
      der::Reader parts(ad ? ad->content : Span{});
      auto method = parts.next(der::kOid);
      auto location = parts.next(der::context_primitive(6));
      if (!method || !location || !parts.empty()) return differs("authorityInfoAccess", "§4.2.2.1");
      const std::string m = der::oid_text(method->content);
      std::string url(location->content.begin(), location->content.end());
      if (m == kAdOcsp) ocsp.push_back(std::move(url));
      else if (m == kAdCaIssuers) issuers.push_back(std::move(url));
      else return differs("authorityInfoAccess", "§4.2.2.1");
    }
    if (!seq) return differs("authorityInfoAccess", "§4.2.2.1");
  }
  const bool want_aia = !spec.ocsp_urls.empty() || !spec.ca_issuer_urls.empty();
  if ((aia != nullptr) != want_aia || (aia != nullptr && aia->critical) || ocsp != spec.ocsp_urls ||
      issuers != spec.ca_issuer_urls) {
    return differs("authorityInfoAccess", "§4.2.2.1");
  }

  // One DistributionPoint with a fullName of URIs (the builder's shape, §4.2.1.13).
  const Extension* cdp = find(kCrlDistPoints);
  std::vector<std::string> crl_urls;
  if (cdp != nullptr) {
    auto points = single(cdp->value, der::kSequence);
    auto point = points ? single(*points, der::kSequence) : std::nullopt;
    auto dp_name = point ? single(*point, der::context_constructed(0)) : std::nullopt;
    auto full = dp_name ? single(*dp_name, der::context_constructed(0)) : std::nullopt;
    auto gn = full ? general_names(*full) : std::nullopt;
    if (!gn || !gn->emails.empty() || !gn->dns.empty()) return differs("cRLDistributionPoints", "§4.2.1.13");
    crl_urls = gn->uris;
  }
  if ((cdp != nullptr) == spec.crl_urls.empty() || (cdp != nullptr && cdp->critical) || crl_urls != spec.crl_urls) {
    return differs("cRLDistributionPoints", "§4.2.1.13");
  }

  const Extension* nocheck = find(kOcspNoCheck);
  static const Bytes kNull{0x05, 0x00};
  if ((nocheck != nullptr) != spec.ocsp_no_check ||
      (nocheck != nullptr && (nocheck->critical || !std::equal(nocheck->value.begin(), nocheck->value.end(), kNull.begin(), kNull.end())))) {
    return violation("ocspNoCheck", "khác yêu cầu", "id-pkix-ocsp-nocheck differs from the spec (RFC 6960 §4.2.2.2.1)");
  }
  return {};
}

// The issuer's subject Name (encoded) and SKI, read from its certificate with the DER reader.
struct IssuerFacts {
  Span subject;
  Bytes key_id;
};
[[nodiscard]] std::optional<IssuerFacts> issuer_facts(Span cert_der, Span issuer_spki);

[[nodiscard]] Result<std::map<std::string, Extension>> read_extensions(Span explicit_content) {
  std::map<std::string, Extension> out;
  auto seq = single(explicit_content, der::kSequence);
  if (!seq) return fail(violation("DER", "phần mở rộng sai cấu trúc", "malformed extensions").error());
  static const std::set<std::string> kAllowed{kBasicConstraints, kKeyUsage,     kExtKeyUsage,   kSubjectKeyId,
                                              kAuthorityKeyId,   kPolicies,     kSubjectAltName, kInfoAccess,
                                              kCrlDistPoints,    kOcspNoCheck};
  der::Reader r(*seq);
  while (!r.empty()) {
    auto ext = r.next(der::kSequence);
    der::Reader parts(ext ? ext->content : Span{});
    auto oid = parts.next(der::kOid);
    auto critical = parts.next_if(der::kBoolean);
    auto value = parts.next(der::kOctetString);
    if (!ext || !oid || !value || !parts.empty() ||
        (critical && (critical->content.size() != 1 || critical->content[0] != 0xFF))) {
      // DER: critical DEFAULT FALSE is never encoded as FALSE.
      return fail(violation("DER", "phần mở rộng sai cấu trúc", "malformed extension").error());
    }
    const std::string id = der::oid_text(oid->content);
    if (!kAllowed.contains(id)) {
      return fail(violation("extensions", "phần mở rộng ngoài hồ sơ: " + id, "extension outside the profile: " + id).error());
    }
    if (!out.emplace(id, Extension{critical.has_value(), value->content}).second) {
      // RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of a particular extension."
      return fail(violation("extensions", "phần mở rộng lặp lại: " + id, "duplicate extension: " + id).error());
    }
  }
  return out;
}

[[nodiscard]] const EVP_MD* signature_md(Span alg_content) {
  der::Reader r(alg_content);
  auto oid = r.next(der::kOid);
  if (!oid) return nullptr;
  const std::string id = der::oid_text(oid->content);
  if (id == "1.2.840.113549.1.1.11") return EVP_sha256();
  if (id == "1.2.840.113549.1.1.12") return EVP_sha384();
  if (id == "1.2.840.113549.1.1.13") return EVP_sha512();
  if (id == "1.2.840.10045.4.3.2") return EVP_sha256();
  if (id == "1.2.840.10045.4.3.3") return EVP_sha384();
  if (id == "1.2.840.10045.4.3.4") return EVP_sha512();
  return nullptr;
}

std::optional<IssuerFacts> issuer_facts(Span cert_der, Span issuer_spki) {
  IssuerFacts facts;
  der::Reader outer(cert_der);
  auto cert = outer.next(der::kSequence);
  der::Reader parts(cert ? cert->content : Span{});
  auto tbs = parts.next(der::kSequence);
  der::Reader f(tbs ? tbs->content : Span{});
  if (!tbs || !f.next_if(der::context_constructed(0)) || !f.next(der::kInteger) || !f.next(der::kSequence) ||
      !f.next(der::kSequence) || !f.next(der::kSequence)) {
    return std::nullopt;
  }
  auto subject = f.next(der::kSequence);
  if (!subject || !f.next(der::kSequence)) return std::nullopt;
  facts.subject = subject->encoded;
  while (!f.empty()) {
    auto e = f.next();
    if (!e) return std::nullopt;
    if (e->tag != der::context_constructed(3)) continue;
    auto exts = read_extensions(e->content);
    if (!exts) return std::nullopt;
    if (auto it = exts->find(kSubjectKeyId); it != exts->end()) {
      auto id = single(it->second.value, der::kOctetString);
      if (id) facts.key_id.assign(id->begin(), id->end());
    }
  }
  if (facts.key_id.empty()) {
    auto id = key_identifier(issuer_spki);
    if (!id) return std::nullopt;
    facts.key_id = std::move(*id);
  }
  return facts;
}

}  // namespace

Status check_certificate(std::span<const std::uint8_t> der, const CertificateSpec& spec,
                         std::span<const std::uint8_t> issuer_spki_der) {
  ErrorQueueGuard guard;
  auto not_der = [] { return violation("DER", "không đọc lại được", "does not re-parse as one DER Certificate"); };
  der::Reader outer(der);
  auto cert = outer.next(der::kSequence);
  if (!cert || !outer.empty() || !der::well_formed(cert->content)) return not_der();
  der::Reader parts(cert->content);
  auto tbs = parts.next(der::kSequence);
  auto alg = parts.next(der::kSequence);
  auto sig = parts.next(der::kBitString);
  if (!tbs || !alg || !sig || !parts.empty() || sig->content.empty() || sig->content[0] != 0) return not_der();
  der::Reader f(tbs->content);
  auto version = f.next(der::context_constructed(0));
  auto serial = f.next(der::kInteger);
  auto inner_alg = f.next(der::kSequence);
  auto issuer = f.next(der::kSequence);
  auto validity = f.next(der::kSequence);
  auto subject = f.next(der::kSequence);
  auto spki = f.next(der::kSequence);
  if (!version || !serial || !inner_alg || !issuer || !validity || !subject || !spki) return not_der();

  static const Bytes kV3{0x02, 0x01, 0x02};
  if (!std::equal(version->content.begin(), version->content.end(), kV3.begin(), kV3.end())) {
    return violation("version", "không phải v3", "not version 3");
  }
  const auto magnitude = der::positive_integer(serial->content);
  if (!magnitude || serial->content.size() > 20) {
    return violation("serial", "số hiệu phải dương và không quá 20 byte",
                     "serialNumber must be positive and at most 20 octets (RFC 5280 §4.1.2.2)");
  }
  const Bytes wanted = strip_leading_zeros(spec.serial);
  if (!std::equal(magnitude->begin(), magnitude->end(), wanted.begin(), wanted.end())) {
    return violation("serial", "số hiệu " + to_hex(*magnitude) + " khác yêu cầu " + to_hex(wanted),
                     "serialNumber " + to_hex(*magnitude) + " differs from the requested " + to_hex(wanted));
  }
  if (!std::equal(inner_alg->encoded.begin(), inner_alg->encoded.end(), alg->encoded.begin(), alg->encoded.end())) {
    return violation("signatureAlgorithm", "thuật toán ký trong TBS và ngoài TBS khác nhau",
                     "signatureAlgorithm differs from TBSCertificate.signature (RFC 5280 §4.1.1.2)");
  }
  const EVP_MD* md = signature_md(alg->content);
  EVP_PKEY* issuer_key = const_cast<EVP_PKEY*>(cached_public_key(issuer_spki_der));
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  const auto signature = sig->content.subspan(1);
  if (md == nullptr || issuer_key == nullptr || !ctx ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, issuer_key) != 1 ||
      EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), tbs->encoded.data(), tbs->encoded.size()) != 1) {
    return violation("signature", "chữ ký không đúng với khóa của CA cấp phát",
                     "the signature does not verify under the issuer key");
  }

  std::optional<IssuerFacts> facts;
  if (spec.issuer_certificate_der.empty()) {
    facts = IssuerFacts{subject->encoded, {}};
  } else {
    facts = issuer_facts(spec.issuer_certificate_der, issuer_spki_der);
  }
  if (!facts || !std::equal(issuer->encoded.begin(), issuer->encoded.end(), facts->subject.begin(), facts->subject.end())) {
    return violation("issuer", "tên CA cấp phát khác tên chủ thể của CA",
                     "issuer differs from the issuer certificate's subject (RFC 5280 §4.1.2.4)");
  }
  const auto dn = decode_name(subject->content);
  if (!dn || *dn != spec.subject) {
    return violation("subject", "chủ thể khác yêu cầu hoặc sai kiểu chuỗi",
                     "subject differs from the spec or uses the wrong string types (RFC 5280 §4.1.2.4, §4.1.2.6)");
  }
  der::Reader times(validity->content);
  auto nb = times.next();
  auto na = times.next();
  const auto not_before = nb ? der::parse_time(*nb, true) : std::nullopt;
  const auto not_after = na ? der::parse_time(*na, true) : std::nullopt;
  if (!times.empty() || not_before != spec.not_before || not_after != spec.not_after) {
    return violation("validity", "thời hạn hoặc kiểu mã hóa thời gian khác yêu cầu",
                     "validity differs from the spec or violates RFC 5280 §4.1.2.5");
  }
  if (!std::equal(spki->encoded.begin(), spki->encoded.end(), spec.subject_public_key_der.begin(),
                  spec.subject_public_key_der.end())) {
    return violation("subjectPublicKeyInfo", "khóa công khai khác yêu cầu", "subject public key differs from the spec");
  }
  auto ext_el = f.next(der::context_constructed(3));
  if (!ext_el || !f.empty()) return violation("extensions", "thiếu phần mở rộng", "missing or misplaced extensions");
  auto ext = read_extensions(ext_el->content);
  if (!ext) return fail(ext.error());

  auto bc = ext->find(kBasicConstraints);
  if (bc == ext->end()) return differs("basicConstraints", "§4.2.1.9");
  if (auto st = check_basic_constraints(bc->second, spec); !st) return st;
  auto ku = ext->find(kKeyUsage);
  if (auto st = check_key_usage(ku == ext->end() ? nullptr : &ku->second, spec); !st) return st;

  const auto own_id = key_identifier(spec.subject_public_key_der);
  auto ski = ext->find(kSubjectKeyId);
  auto ski_value = ski == ext->end() ? std::nullopt : single(ski->second.value, der::kOctetString);
  if (!own_id || !ski_value || ski->second.critical ||
      !std::equal(ski_value->begin(), ski_value->end(), own_id->begin(), own_id->end())) {
    return violation("subjectKeyIdentifier", "thiếu, là critical hoặc không theo phương pháp 1",
                     "missing, critical, or not RFC 5280 §4.2.1.2 method 1");
  }
  const Bytes& want_aki = spec.issuer_certificate_der.empty() ? *own_id : facts->key_id;
  auto aki = ext->find(kAuthorityKeyId);
  auto aki_seq = aki == ext->end() ? std::nullopt : single(aki->second.value, der::kSequence);
  auto aki_id = aki_seq ? single(*aki_seq, der::context_primitive(0)) : std::nullopt;
  if (!aki_id || aki->second.critical || !std::equal(aki_id->begin(), aki_id->end(), want_aki.begin(), want_aki.end())) {
    return violation("authorityKeyIdentifier", "thiếu, là critical hoặc khác SKI của CA cấp phát",
                     "missing, critical, or not the issuer's SKI (RFC 5280 §4.2.1.1)");
  }
  return check_lists(*ext, spec);
}

}  // namespace ct::crypto
