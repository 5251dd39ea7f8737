#include "pki/readiness.h"

#include <algorithm>

#include "common/time_format.h"
#include "pki/ocsp_signer.h"
#include "store/pki_repository.h"

namespace ct::pki {

std::optional<Error> crls_current(store::Connection& c, TimePoint now) {
  auto cas = store::list_cas(c);
  if (!cas) return cas.error();
  for (const auto& ca : *cas) {
    if (ca.kind == "ocsp") continue;
    auto crl = store::latest_crl(c, ca.id, false);
    if (!crl) return crl.error();
    if (!*crl) {
      return Error::make(ErrorCode::unavailable, "CA " + ca.name + " chưa phát hành CRL",
                         "CA " + ca.name + " has published no CRL", "crl");
    }
    if ((*crl)->next_update <= now) {
      const std::string when = timefmt::iso8601_utc((*crl)->next_update);
      return Error::make(ErrorCode::unavailable,
                         "CRL số " + std::to_string((*crl)->number) + " của CA " + ca.name + " đã quá hạn cập nhật (" +
                             when + ")",
                         "CRL " + std::to_string((*crl)->number) + " of CA " + ca.name + " is past its nextUpdate (" +
                             when + ")",
                         "crl");
    }
  }
  return std::nullopt;
}

std::optional<Error> ocsp_signer_current(store::Database& db, const Clock& clock, const PkiSettings& settings) {
  auto days = ocsp_signer_days_left(db, clock);
  if (!days) return days.error();
  const std::int64_t floor = std::max(settings.ocsp_renew_days - 1, 1);
  if (*days >= floor) return std::nullopt;
  return Error::make(ErrorCode::unavailable,
                     "Chứng thư ký OCSP chỉ còn " + std::to_string(*days) + " ngày mà chưa được gia hạn",
                     "The OCSP signer has " + std::to_string(*days) + " days left and was not renewed", "ocsp");
}

}  // namespace ct::pki
