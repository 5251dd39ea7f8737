#include "pki/ocsp_answerer.h"

#include <spdlog/spdlog.h>

#include "common/hex.h"
#include "store/pki_repository.h"

namespace ct::pki {

OcspAnswerer::OcspAnswerer(store::CaRecord issuer, store::CaRecord signer, crypto::PrivateKey signer_key,
                           const PkiSettings& settings, const Clock& clock)
    : issuer_(std::move(issuer)), signer_(std::move(signer)), signer_key_(std::move(signer_key)),
      settings_(settings), clock_(clock) {}

bool OcspAnswerer::names_issuer(const crypto::OcspCertId& id) const {
  auto ours = crypto::make_cert_id(issuer_.certificate, id.serial, id.hash);
  return ours && ours->issuer_name_hash == id.issuer_name_hash && ours->issuer_key_hash == id.issuer_key_hash;
}

Result<crypto::OcspSingle> OcspAnswerer::status_of(store::Database& db, const crypto::OcspCertId& id) const {
  crypto::OcspSingle single;
  single.id = id;
  single.this_update = clock_.now();
  single.next_update = single.this_update + settings_.ocsp_validity;
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  auto rec = store::find_certificate(**lease, to_hex(id.serial));
  if (!rec) return fail(rec.error());
  if (!*rec || (*rec)->ca_id != issuer_.id) {
    single.status = crypto::OcspCertStatus::unknown;
    return single;
  }
  const auto& r = **rec;
  if (r.status == store::CertStatus::valid) {
    single.status = crypto::OcspCertStatus::good;
  } else {
    single.status = crypto::OcspCertStatus::revoked;
    single.revoked_at = r.revoked_at.value_or(r.created_at);
    if (r.status == store::CertStatus::hold) {
      single.reason = crypto::CrlReason::certificate_hold;
    } else if (r.revocation_reason) {
      single.reason = static_cast<crypto::CrlReason>(*r.revocation_reason);
    }
  }
  return single;
}

Bytes OcspAnswerer::answer(store::Database& db, std::span<const std::uint8_t> request_der) const {
  auto req = crypto::parse_ocsp_request(request_der);
  if (!req || req->ids.empty()) return crypto::ocsp_error_response(crypto::OcspErrorStatus::malformed_request);
  std::vector<crypto::OcspSingle> singles;
  for (const auto& id : req->ids) {
    if (!names_issuer(id)) return crypto::ocsp_error_response(crypto::OcspErrorStatus::unauthorized);
    auto s = status_of(db, id);
    if (!s) {
      spdlog::warn("OCSP status lookup failed: {}", s.error().message_en);
      return crypto::ocsp_error_response(crypto::OcspErrorStatus::try_later);
    }
    singles.push_back(std::move(*s));
  }
  crypto::OcspSigner signer{signer_.certificate, &signer_key_};
  auto resp = crypto::build_ocsp_response(singles, signer, clock_.now(), req->nonce);
  if (!resp) {
    spdlog::error("OCSP response signing failed: {}", resp.error().message_en);
    return crypto::ocsp_error_response(crypto::OcspErrorStatus::internal_error);
  }
  return std::move(*resp);
}

Result<Bytes> OcspAnswerer::response_for_serial(store::Database& db, std::string_view serial) const {
  auto canonical = normalize_serial_hex(serial);
  if (!canonical) {
    return fail(ErrorCode::invalid_input, "Số hiệu chứng thư không hợp lệ", "Invalid serial number", "serial");
  }
  auto id = crypto::make_cert_id(issuer_.certificate, *from_hex(*canonical), crypto::HashAlg::sha1);
  if (!id) return fail(id.error());
  auto single = status_of(db, *id);
  if (!single) return fail(single.error());
  crypto::OcspSigner signer{signer_.certificate, &signer_key_};
  return crypto::build_ocsp_response(std::span<const crypto::OcspSingle>(&*single, 1), signer, clock_.now());
}

}  // namespace ct::pki
