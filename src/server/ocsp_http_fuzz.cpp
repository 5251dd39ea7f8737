// libFuzzer target for the OCSP request path of the HTTP layer: the first byte picks GET
// (the rest is the path after "/ocsp/": percent-decoding and base64) or POST (the rest is the
// body, with a Content-Type check); the decoded request is then answered by an OcspCache over
// a throw-away installation (EC hierarchy, SQLite). Never a crash, always an OCSP response; the
// hot path's CertID reader never disagrees with the full request parser.
#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "common/rng.h"
#include "crypto/key_backend.h"
#include "pki/hierarchy.h"
#include "server/routes_public.h"
#include "store/open.h"
#include "store/pki_repository.h"

namespace {

struct World {
  std::filesystem::path dir;
  std::unique_ptr<ct::store::Database> db;
  std::unique_ptr<ct::crypto::SoftwareKeyBackend> keys;
  ct::pki::PkiSettings settings;
  ct::FixedClock clock{ct::from_unix(1795000000)};
  std::unique_ptr<ct::pki::OcspCache> cache;

  World() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "chungthu-fuzz-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    dir = tmpl;
    db = std::move(*ct::store::open_database("sqlite", dir));
    keys = std::make_unique<ct::crypto::SoftwareKeyBackend>(dir / "keys", "fuzz-passphrase-123");
    settings.root_key = settings.issuing_key = settings.ocsp_key = ct::crypto::KeyType::ec_p256;
    auto profiles = ct::pki::ProfileSet::load(ct::Config{});
    ct::DeterministicRng rng(7);
    if (!profiles || !ct::pki::create_hierarchy(*db, *keys, settings, *profiles, clock, rng)) std::abort();
    auto lease = db->acquire();
    auto signer = **ct::store::find_ca(**lease, ct::pki::kOcspSigner);
    auto issuer = **ct::store::find_ca(**lease, ct::pki::kIssuingCa);
    ct::pki::OcspCacheOptions opt;
    opt.max_entries = 64;
    cache = std::make_unique<ct::pki::OcspCache>(
        *db, ct::pki::OcspAnswerer(issuer, signer, std::move(*keys->load(signer.key_ref)), settings, clock), issuer,
        signer, std::move(*keys->load(signer.key_ref)), clock, opt);
  }
  ~World() {
    cache.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  if (size == 0) return 0;
  const std::span<const std::uint8_t> rest(data + 1, size - 1);
  ct::Bytes der;
  if ((data[0] & 1U) == 0) {
    auto decoded = ct::server::decode_ocsp_get(std::string_view(reinterpret_cast<const char*>(rest.data()), rest.size()));
    if (!decoded) return 0;
    der = std::move(*decoded);
  } else {
    const char* type = (data[0] & 2U) != 0 ? "application/ocsp-request" : "text/plain";
    if (ct::server::check_ocsp_post(type, rest.size()) != 0) return 0;
    der.assign(rest.begin(), rest.end());
  }
  // The hot path's reader agrees with the full parser (crypto/ocsp.h, plain_ocsp_cert_id).
  if (const auto plain = ct::crypto::plain_ocsp_cert_id(der)) {
    const auto full = ct::crypto::parse_ocsp_request(der);
    if (!full || full->ids.size() != 1 || full->nonce || full->ids[0].hash != plain->hash ||
        !std::ranges::equal(full->ids[0].serial, plain->serial) ||
        !std::ranges::equal(full->ids[0].issuer_name_hash, plain->issuer_name_hash) ||
        !std::ranges::equal(full->ids[0].issuer_key_hash, plain->issuer_key_hash)) {
      std::abort();
    }
  }
  if (auto cheap = world.cache->answer_from_memory(der); cheap && !cheap->entry && cheap->body.empty()) std::abort();
  auto reply = world.cache->answer(der);
  if (!reply.entry && reply.body.empty()) std::abort();
  return 0;
}
