#include "store/database.h"

namespace ct::store {

Status Query::run() {
  while (true) {
    auto r = s_->step();
    if (!r) return fail(r.error());
    if (!*r) return {};
  }
}

Result<Transaction> Transaction::begin(Connection& c, bool write) {
  if (auto s = c.begin(write); !s) return fail(s.error());
  return Transaction(&c);
}

Status Transaction::commit() {
  Connection* c = c_;
  c_ = nullptr;
  return c->commit();
}

Result<bool> updated_one(Query& q) {
  auto row = q.step();
  if (!row) return fail(row.error());
  const bool touched = *row;
  if (auto s = q.run(); !s) return fail(s.error());  // finishes the statement (PostgreSQL: its command)
  return touched;
}

Error storage_error(const std::string& en_detail) {
  return Error::make(ErrorCode::unavailable, "Lỗi cơ sở dữ liệu", "Database error: " + en_detail);
}

Error conflict_error(std::string vi, std::string en) {
  return Error::make(ErrorCode::conflict, std::move(vi), std::move(en));
}

}  // namespace ct::store
