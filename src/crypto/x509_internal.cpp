#include "crypto/x509_internal.h"

#include <openssl/core_names.h>
#include <openssl/objects.h>

#include <array>
#include <chrono>
#include <ctime>

namespace ct::crypto {
namespace {

struct DnType {
  int nid;
  std::string_view type;
};

constexpr std::array<DnType, 9> kDnTypes{{
    {NID_countryName, "C"},
    {NID_stateOrProvinceName, "ST"},
    {NID_localityName, "L"},
    {NID_organizationName, "O"},
    {NID_organizationalUnitName, "OU"},
    {NID_commonName, "CN"},
    {NID_serialNumber, "serialNumber"},
    {NID_pkcs9_emailAddress, "emailAddress"},
    {NID_userId, "UID"},
}};

constexpr std::size_t kMaxAttributeBytes = 1024;

}  // namespace

std::string_view dn_type_for_nid(int nid) noexcept {
  for (const auto& t : kDnTypes) {
    if (t.nid == nid) return t.type;
  }
  return {};
}

int nid_for_dn_type(std::string_view type) noexcept {
  for (const auto& t : kDnTypes) {
    if (t.type == type) return t.nid;
  }
  return NID_undef;
}

int key_usage_bit(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kKeyUsageNames.size(); ++i) {
    if (kKeyUsageNames[i] == name) return static_cast<int>(i);
  }
  return -1;
}

namespace {
struct EkuName {
  int nid;
  std::string_view name;
};
constexpr std::array<EkuName, 6> kEkuNames{{
    {NID_server_auth, "serverAuth"},
    {NID_client_auth, "clientAuth"},
    {NID_email_protect, "emailProtection"},
    {NID_code_sign, "codeSigning"},
    {NID_OCSP_sign, "OCSPSigning"},
    {NID_time_stamp, "timeStamping"},
}};
}  // namespace

ossl::Asn1Object oid_from_dotted(std::string_view dotted) {
  if (dotted.empty() || dotted.size() > 100 || dotted.front() == '.' || dotted.back() == '.') return nullptr;
  std::size_t dots = 0;
  char prev = '\0';
  for (char c : dotted) {
    if (c == '.') {
      if (prev == '.') return nullptr;
      ++dots;
    } else if (c < '0' || c > '9') {
      return nullptr;
    }
    prev = c;
  }
  if (dots == 0) return nullptr;
  return ossl::Asn1Object(OBJ_txt2obj(std::string(dotted).c_str(), 1));
}

ossl::Asn1Object eku_object(std::string_view name) {
  for (const auto& e : kEkuNames) {
    if (e.name == name) return ossl::Asn1Object(OBJ_dup(OBJ_nid2obj(e.nid)));
  }
  return oid_from_dotted(name);
}

std::string eku_name(const ASN1_OBJECT* obj) {
  const int nid = OBJ_obj2nid(obj);
  for (const auto& e : kEkuNames) {
    if (e.nid == nid) return std::string(e.name);
  }
  return oid_text(obj);
}

std::optional<DistinguishedName> dn_from_x509_name(const X509_NAME* name) {
  DistinguishedName dn;
  if (name == nullptr) return dn;
  const int count = X509_NAME_entry_count(name);
  for (int i = 0; i < count; ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    if (entry == nullptr) return std::nullopt;
    const ASN1_OBJECT* obj = X509_NAME_ENTRY_get_object(entry);
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(entry);
    if (obj == nullptr || data == nullptr) return std::nullopt;
    unsigned char* utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, data);
    if (len < 0) return std::nullopt;
    const ossl::OsslBytes owner(utf8);
    std::string value(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(len));
    const std::string_view known = dn_type_for_nid(OBJ_obj2nid(obj));
    dn.push_back(NameAttribute{known.empty() ? oid_text(obj) : std::string(known), std::move(value)});
  }
  return dn;
}

Result<ossl::X509Name> x509_name_from_dn(const DistinguishedName& dn) {
  ossl::X509Name name(X509_NAME_new());
  if (!name) return fail(ErrorCode::internal, "Hết bộ nhớ", "Out of memory");
  for (const auto& attr : dn) {
    const int nid = nid_for_dn_type(attr.type);
    if (nid == NID_undef) {
      return fail(ErrorCode::invalid_input, "Loại thuộc tính tên không hỗ trợ: " + attr.type,
                  "Unsupported name attribute type: " + attr.type);
    }
    if (attr.value.empty() || attr.value.size() > kMaxAttributeBytes) {
      return fail(ErrorCode::invalid_input, "Giá trị thuộc tính " + attr.type + " trống hoặc quá dài",
                  "Name attribute " + attr.type + " is empty or too long");
    }
    const bool is_country = nid == NID_countryName;
    if (is_country && !(attr.value.size() == 2 && attr.value[0] >= 'A' && attr.value[0] <= 'Z' &&
                        attr.value[1] >= 'A' && attr.value[1] <= 'Z')) {
      return fail(ErrorCode::invalid_input, "Mã quốc gia C phải gồm hai chữ cái in hoa",
                  "Country C must be two upper-case letters");
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(attr.value.data());
    const int type = is_country ? V_ASN1_PRINTABLESTRING : MBSTRING_UTF8;
    if (X509_NAME_add_entry_by_NID(name.get(), nid, type, bytes, static_cast<int>(attr.value.size()), -1, 0) != 1) {
      return fail(ErrorCode::invalid_input, "Không mã hóa được thuộc tính " + attr.type + " (ký tự không hợp lệ hoặc quá dài)",
                  "Cannot encode name attribute " + attr.type + " (invalid characters or too long)");
    }
  }
  return name;
}

std::optional<TimePoint> time_from_asn1(const ASN1_TIME* t) {
  if (t == nullptr) return std::nullopt;
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
                           day{static_cast<unsigned>(tm.tm_mday)}};
  if (!ymd.ok()) return std::nullopt;
  return TimePoint{sys_days{ymd}} + hours{tm.tm_hour} + minutes{tm.tm_min} + seconds{tm.tm_sec};
}

std::string key_algorithm_name(const EVP_PKEY* pkey) {
  if (pkey == nullptr) return "unknown";
  const int id = EVP_PKEY_get_base_id(pkey);
  if (id == EVP_PKEY_RSA) return "RSA-" + std::to_string(EVP_PKEY_get_bits(pkey));
  if (id == EVP_PKEY_RSA_PSS) return "RSA-PSS-" + std::to_string(EVP_PKEY_get_bits(pkey));
  if (id == EVP_PKEY_EC) {
    std::array<char, 80> curve{};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, curve.data(), curve.size(), &len) != 1) {
      return "EC-explicit";
    }
    const std::string name(curve.data(), len);
    if (name == "prime256v1" || name == "P-256") return "EC-P256";
    if (name == "secp384r1" || name == "P-384") return "EC-P384";
    if (name == "secp521r1" || name == "P-521") return "EC-P521";
    return "EC-" + name;
  }
  const char* type_name = EVP_PKEY_get0_type_name(pkey);
  return type_name != nullptr ? std::string(type_name) : std::string("unknown");
}

std::string oid_text(const ASN1_OBJECT* obj) {
  if (obj == nullptr) return {};
  std::array<char, 128> buf{};
  const int len = OBJ_obj2txt(buf.data(), static_cast<int>(buf.size()), obj, 1);
  if (len <= 0) return {};
  if (static_cast<std::size_t>(len) < buf.size()) return std::string(buf.data(), static_cast<std::size_t>(len));
  std::string big(static_cast<std::size_t>(len) + 1, '\0');
  const int len2 = OBJ_obj2txt(big.data(), static_cast<int>(big.size()), obj, 1);
  big.resize(len2 > 0 ? static_cast<std::size_t>(len2) : 0);
  return big;
}

Bytes strip_leading_zeros(std::span<const std::uint8_t> bytes) {
  std::size_t first = 0;
  while (first < bytes.size() && bytes[first] == 0) ++first;
  return Bytes(bytes.begin() + static_cast<std::ptrdiff_t>(first), bytes.end());
}

Bytes integer_magnitude(const ASN1_INTEGER* i) {
  if (i == nullptr) return {};
  const unsigned char* data = ASN1_STRING_get0_data(i);
  const int len = ASN1_STRING_length(i);
  if (data == nullptr || len <= 0) return {};
  return strip_leading_zeros(std::span<const std::uint8_t>(data, static_cast<std::size_t>(len)));
}

}  // namespace ct::crypto
