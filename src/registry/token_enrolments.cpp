#include "registry/token_enrolments.h"

namespace ct::registry {
namespace {

constexpr const char* kColumns = "request_id, device_serial, key_id, so_pin_sealed, stage, certificate_serial";

EnrolmentStage parse_stage(const std::string& s) {
  for (const auto stage : {EnrolmentStage::initializing, EnrolmentStage::initialized, EnrolmentStage::issued,
                           EnrolmentStage::written, EnrolmentStage::abandoned}) {
    if (s == to_string(stage)) return stage;
  }
  return EnrolmentStage::initializing;
}

TokenEnrolment read_enrolment(const store::Query& q) {
  TokenEnrolment e;
  e.request_id = q.get_int(0);
  e.device_serial = q.get_text(1);
  e.key_id_hex = q.get_text(2);
  e.so_pin_sealed = q.get_text(3);
  e.stage = parse_stage(q.get_text(4));
  e.certificate_serial = q.get_opt_text(5).value_or("");
  return e;
}

Result<std::optional<TokenEnrolment>> first(store::Query& q) {
  auto row = q.step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<TokenEnrolment>();
  return std::optional<TokenEnrolment>(read_enrolment(q));
}

}  // namespace

const char* to_string(EnrolmentStage s) noexcept {
  switch (s) {
    case EnrolmentStage::initializing: return "initializing";
    case EnrolmentStage::initialized: return "initialized";
    case EnrolmentStage::issued: return "issued";
    case EnrolmentStage::written: return "written";
    case EnrolmentStage::abandoned: return "abandoned";
  }
  return "initializing";
}

Status insert_enrolment(store::Connection& c, const TokenEnrolment& e, TimePoint now) {
  auto q = c.query(
      "INSERT INTO token_enrolments (request_id, device_serial, key_id, so_pin_sealed, stage, certificate_serial, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, NULL, $6, $6)");
  if (!q) return fail(q.error());
  q->bind(1, e.request_id).bind(2, e.device_serial).bind(3, e.key_id_hex).bind(4, e.so_pin_sealed);
  q->bind(5, to_string(e.stage)).bind(6, to_unix(now));
  return q->run();
}

Result<std::optional<TokenEnrolment>> find_enrolment(store::Connection& c, std::int64_t request_id) {
  auto q = c.query(std::string("SELECT ") + kColumns +
                   " FROM token_enrolments WHERE request_id = $1 AND stage <> 'abandoned'");
  if (!q) return fail(q.error());
  q->bind(1, request_id);
  return first(*q);
}

Result<std::optional<TokenEnrolment>> find_enrolment_of(store::Connection& c, const std::string& device_serial,
                                                        const std::string& certificate_serial) {
  auto q = c.query(std::string("SELECT ") + kColumns +
                   " FROM token_enrolments WHERE device_serial = $1 AND certificate_serial = $2");
  if (!q) return fail(q.error());
  q->bind(1, device_serial).bind(2, certificate_serial);
  return first(*q);
}

Status set_enrolment_token(store::Connection& c, std::int64_t request_id, const std::string& device_serial,
                           TimePoint now) {
  auto q = c.query(
      "UPDATE token_enrolments SET device_serial = $1, stage = 'initialized', updated_at = $2 "
      "WHERE request_id = $3 AND stage = 'initializing'");
  if (!q) return fail(q.error());
  q->bind(1, device_serial).bind(2, to_unix(now)).bind(3, request_id);
  return q->run();
}

Status set_enrolment_stage(store::Connection& c, std::int64_t request_id, EnrolmentStage stage,
                           const std::string& certificate_serial, TimePoint now) {
  auto q = c.query(
      "UPDATE token_enrolments SET stage = $1, certificate_serial = $2, updated_at = $3 "
      "WHERE request_id = $4 AND stage <> 'abandoned'");
  if (!q) return fail(q.error());
  q->bind(1, to_string(stage)).bind(2, certificate_serial).bind(3, to_unix(now)).bind(4, request_id);
  return q->run();
}

}  // namespace ct::registry
