#pragma once
// The PDF documents of the process, drawn from data already read and checked by the caller
// (export.h reads it with the actor's scope):
//   - the list a unit or aggregator sends with its batch (danh sách đề nghị), A4 landscape;
//   - the request letters of Decree 68/2024/NĐ-CP: Mẫu 01 (individual, new or re-issue),
//     Mẫu 02 (organization, new or re-issue), Mẫu 04 (renewal or change of content), Mẫu 05
//     (revocation), Mẫu 06 (key-storage device recovery), with the request's data filled in.
// Both in the letter layout of Decree 30/2020/NĐ-CP (pdf_letter.h).

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/hex.h"
#include "registry/organization.h"
#include "registry/request.h"

namespace ct::documents {

struct ListedRequest {
  registry::Request request;
  std::vector<registry::Organization> chain;  // level 1 down to the request's organization
};

struct BatchListData {
  std::vector<registry::Organization> sender;  // the compiling organization's chain
  std::string round_name;
  std::string deadline;                        // dd/MM/yyyy, "" when none
  std::int64_t batch_id = 0;
  TimePoint date;
  std::vector<ListedRequest> requests;
};

[[nodiscard]] Result<Bytes> batch_list_pdf(const BatchListData& data);
// Refuses a mailbox request (it has no official form).
[[nodiscard]] Result<Bytes> request_letter_pdf(const ListedRequest& request, TimePoint date);

}  // namespace ct::documents
