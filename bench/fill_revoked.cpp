// Fills the store of DATA_DIR with N revoked certificates of the issuing CA (rows only: the
// CRL reads serials, times and reasons), in transactions of 10,000, for bench/crl.sh.
// Usage: fill_revoked DATA_DIR N
#include <cstdio>
#include <cstdlib>

#include "app/context.h"
#include "common/hex.h"
#include "store/pki_repository.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: fill_revoked DATA_DIR N\n");
    return 1;
  }
  const long n = std::atol(argv[2]);
  auto ctx = ct::app::Context::open(argv[1]);
  if (!ctx) {
    std::fprintf(stderr, "%s\n", ctx.error().describe().c_str());
    return 3;
  }
  auto lease = (*ctx)->db().acquire();
  auto issuing = ct::store::find_ca(**lease, "issuing");
  if (!lease || !issuing || !*issuing) return 3;
  const ct::TimePoint now = (*ctx)->clock().now();
  ct::store::CertificateRecord r;
  r.ca_id = (*issuing)->id;
  r.profile = "individual";
  r.subject = "C=VN,CN=bench";
  r.common_name = "bench";
  r.name_fold = "bench";
  r.not_before = now - std::chrono::days(10);
  r.not_after = now + std::chrono::days(365);
  r.status = ct::store::CertStatus::revoked;
  r.der = ct::Bytes{0x30, 0x00};
  r.key_sha256 = "00";
  r.created_at = now;
  ct::Bytes serial(16);
  for (long done = 0; done < n;) {
    auto tx = ct::store::Transaction::begin(**lease);
    if (!tx) return 3;
    for (long k = 0; k < 10000 && done < n; ++k, ++done) {
      (*ctx)->rng().fill(serial);
      serial[0] |= 0x01;
      r.serial = ct::to_hex(serial);
      r.revoked_at = now - std::chrono::seconds(done % 86400);
      r.revocation_reason = (done % 4 == 0) ? std::optional<int>(1) : std::optional<int>(5);
      if (auto id = ct::store::insert_certificate(**lease, r); !id) {
        std::fprintf(stderr, "%s\n", id.error().describe().c_str());
        return 3;
      }
    }
    if (auto c = tx->commit(); !c) return 3;
  }
  std::printf("inserted %ld revoked certificates\n", n);
  return 0;
}
