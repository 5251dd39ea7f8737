#include "documents/export.h"

#include <algorithm>
#include <map>

#include "common/time_format.h"
#include "documents/national_sheet.h"
#include "documents/xlsx_writer.h"
#include "registry/organization.h"
#include "registry/request_workflow.h"
#include "registry/round_batch.h"

namespace ct::documents {
namespace {

using Chains = std::map<std::int64_t, std::vector<registry::Organization>>;

Result<std::vector<registry::Organization>> chain_of(store::Connection& c, Chains& cache, std::int64_t org_id) {
  if (auto it = cache.find(org_id); it != cache.end()) return it->second;
  auto org = registry::find_organization(c, org_id);
  if (!org) return fail(org.error());
  if (!*org) return fail(ErrorCode::integrity, "Cây cơ quan bị hỏng", "The organization tree is broken", std::to_string(org_id));
  auto chain = registry::organization_chain(c, **org);
  if (!chain) return fail(chain.error());
  cache.emplace(org_id, *chain);
  return *chain;
}

// A batch the actor may read and its requests (not found, or forbidden and audited, outside reach).
struct BatchRequests {
  registry::Batch batch;
  std::vector<ListedRequest> rows;
};
Result<BatchRequests> batch_requests(registry::RegistryEnv& env, const registry::Actor& actor, std::int64_t batch_id) {
  auto batch = registry::get_batch(env, actor, batch_id);
  if (!batch) return fail(batch.error());
  registry::RequestFilter f;
  f.batch_id = batch_id;
  auto rows = load_requests(env, actor, f);
  if (!rows) return fail(rows.error());
  return BatchRequests{std::move(*batch), std::move(*rows)};
}

}  // namespace

Result<std::vector<ListedRequest>> load_requests(registry::RegistryEnv& env, const registry::Actor& actor,
                                                 const registry::RequestFilter& filter) {
  registry::RequestWorkflow wf(env);
  std::vector<registry::Request> all;
  constexpr int kPage = 1000;
  for (int offset = 0;; offset += kPage) {
    auto page = wf.list(actor, filter, registry::Page{kPage, offset});
    if (!page) return fail(page.error());
    all.insert(all.end(), std::make_move_iterator(page->begin()), std::make_move_iterator(page->end()));
    if (all.size() > kMaxExportRows) {
      return fail(ErrorCode::invalid_input, "Quá nhiều yêu cầu để xuất (tối đa " + std::to_string(kMaxExportRows) + "): hãy lọc bớt",
                  "Too many requests to export (at most " + std::to_string(kMaxExportRows) + "): narrow the filter");
    }
    if (page->size() < static_cast<std::size_t>(kPage)) break;
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  Chains chains;
  std::vector<ListedRequest> out;
  out.reserve(all.size());
  for (auto& r : all) {
    auto chain = chain_of(**lease, chains, r.org_id);
    if (!chain) return fail(chain.error());
    out.push_back(ListedRequest{std::move(r), std::move(*chain)});
  }
  return out;
}

Result<Bytes> requests_xlsx(const std::vector<ListedRequest>& requests, const std::string& title) {
  SheetSpec s;
  s.name = "Danh sách";
  for (const auto& c : columns()) {
    s.headers.emplace_back(c.header);
    s.widths.push_back(c.width);
  }
  int n = 0;
  for (const auto& lr : requests) {
    const SheetValues v = row_of(lr.request, lr.chain, ++n);
    s.rows.emplace_back(v.begin(), v.end());
  }
  return write_xlsx({s}, title);
}

Result<Bytes> export_batch_xlsx(registry::RegistryEnv& env, const registry::Actor& actor, std::int64_t batch_id) {
  auto b = batch_requests(env, actor, batch_id);
  if (!b) return fail(b.error());
  return requests_xlsx(b->rows, "Danh sách đề nghị số " + std::to_string(batch_id));
}

Result<Bytes> export_requests_xlsx(registry::RegistryEnv& env, const registry::Actor& actor,
                                   const registry::RequestFilter& filter) {
  auto rows = load_requests(env, actor, filter);
  if (!rows) return fail(rows.error());
  return requests_xlsx(*rows, "Danh sách yêu cầu");
}

Result<Bytes> export_batch_pdf(registry::RegistryEnv& env, const registry::Actor& actor, std::int64_t batch_id) {
  auto b = batch_requests(env, actor, batch_id);
  if (!b) return fail(b.error());
  BatchListData d;
  d.batch_id = batch_id;
  d.date = env.clock.now();
  d.requests = std::move(b->rows);
  {
    auto lease = env.db.acquire();
    if (!lease) return fail(lease.error());
    Chains chains;
    auto sender = chain_of(**lease, chains, b->batch.org_id);
    if (!sender) return fail(sender.error());
    d.sender = std::move(*sender);
    auto round = registry::find_round_by_id(**lease, b->batch.round_id);
    if (!round) return fail(round.error());
    if (*round) {
      d.round_name = (*round)->name;
      d.deadline = timefmt::vn_date((*round)->deadline - std::chrono::seconds{1});
    }
  }
  return batch_list_pdf(d);
}

Result<Bytes> export_request_letter(registry::RegistryEnv& env, const registry::Actor& actor, std::int64_t request_id) {
  registry::RequestWorkflow wf(env);
  auto view = wf.show(actor, request_id);
  if (!view) return fail(view.error());
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  Chains chains;
  auto chain = chain_of(**lease, chains, view->request.org_id);
  if (!chain) return fail(chain.error());
  return request_letter_pdf(ListedRequest{view->request, std::move(*chain)}, env.clock.now());
}

}  // namespace ct::documents
