// handover_letter (token_station.h): Mẫu 07 from the store's view of a token station run.
#include "app/token_station.h"
#include "documents/pdf_handover.h"
#include "registry/devices.h"
#include "registry/organization.h"
#include "registry/request.h"
#include "registry/request_step.h"
#include "registry/subscriber.h"
#include "store/certificate_repository.h"

namespace ct::app {

Result<Bytes> handover_letter(registry::RegistryEnv& env, const TokenOutcome& out, const std::string& giver_agency,
                              const std::string& giver_person) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  auto request = registry::find_request(c, out.request_id);
  if (!request) return fail(request.error());
  if (!*request) return fail(registry::request_not_found(out.request_id));
  const registry::Request& r = **request;
  auto holder = registry::find_subscriber(c, r.subscriber_id);
  if (!holder) return fail(holder.error());
  auto device = registry::find_device(c, out.device_serial);
  if (!device) return fail(device.error());
  auto cert = store::find_certificate(c, out.certificate_serial);
  if (!cert) return fail(cert.error());
  if (!*holder || !*device || !*cert) {
    return fail(ErrorCode::not_found, "Thiếu thuê bao, thiết bị hoặc chứng thư số của yêu cầu " + std::to_string(r.id),
                "The holder, token or certificate of request " + std::to_string(r.id) + " is missing", "request");
  }
  auto org = registry::find_organization(c, (*holder)->org_id);
  if (!org) return fail(org.error());
  documents::HandoverData d;
  if (*org) {
    auto chain = registry::organization_chain(c, **org);
    if (!chain) return fail(chain.error());
    d.receiver_chain = std::move(*chain);
  }
  d.request_id = r.id;
  d.purpose = r.type == registry::RequestType::recover_device ? "khôi phục thiết bị lưu khóa bí mật (đặt lại mã PIN)"
              : r.type == registry::RequestType::reissue      ? "cấp lại chứng thư số"
                                                              : "cấp mới chứng thư số";
  d.giver_agency = giver_agency;
  d.giver_person = giver_person;
  const registry::SubjectData& s = (*holder)->data;
  d.holder_name = s.full_name;
  d.holder_cccd = s.cccd;
  d.holder_position = s.position;
  d.holder_email = s.email;
  d.device_kind = (*device)->kind;
  d.device_serial = (*device)->serial;
  d.device_model = (*device)->model + " (" + (*device)->manufacturer + ")";
  d.certificate_serial = (*cert)->serial;
  d.not_before = (*cert)->not_before;
  d.not_after = (*cert)->not_after;
  d.user_pin = out.user_pin;
  d.date = env.clock.now();
  return documents::handover_letter_pdf(d);
}

}  // namespace ct::app
