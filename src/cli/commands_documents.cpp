// chungthu batch export|import|template, request export|letter: the official documents (SPEC §7
// "Documents"): the national 19-column sheet (XLSX), the PDF list of a batch, the PDF request
// letters (Mẫu 01, 02, 04, 05, 06), and the import of XLSX/CSV lists with a report of every bad
// cell. Registered after register_round / register_request: it adds to their `batch` and
// `request` commands.
#include <iostream>

#include "cli/commands.h"
#include "cli/commands_registry_support.h"
#include "documents/export.h"
#include "documents/import.h"
#include "documents/list_template.h"

namespace ct::cli {
namespace {

// The importer refuses more than 10 MiB itself; this only bounds what is read into memory.
constexpr std::size_t kMaxImportFile = 64 * 1024 * 1024;

int write_output(const std::string& out, const Result<Bytes>& bytes) {
  if (!bytes) return report(bytes.error());
  auto w = write_file(out, std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
  if (!w) return report(w.error().within("--out"));
  std::cerr << "Đã ghi / written: " << out << " (" << bytes->size() << " B)\n";
  return kOk;
}

CLI::App* sub(CLI::App& app, const char* name, const char* help) {
  try {
    return app.get_subcommand(name);
  } catch (const CLI::OptionNotFound&) {
    auto* s = app.add_subcommand(name, help);
    s->require_subcommand(1);
    return s;
  }
}

void register_batch_export(CLI::App* batch, GlobalOptions& g, int& rc) {
  struct Export {
    std::optional<std::string> as;
    std::int64_t batch = 0;
    std::string format = "xlsx", out;
  };
  auto e = std::make_shared<Export>();
  auto* cmd = batch->add_subcommand("export", "Xuất danh sách: bảng tính 19 cột (xlsx) hoặc văn bản PDF / Export a batch "
                                              "as the national 19-column sheet (xlsx) or the PDF list");
  cmd->add_option("BATCH_ID", e->batch)->required();
  cmd->add_option("--as", e->as, "Acting user (default: the local operator)");
  cmd->add_option("--format", e->format, "xlsx | pdf")->check(CLI::IsMember({"xlsx", "pdf"}));
  cmd->add_option("--out", e->out, "Output file")->required();
  cmd->callback([&rc, &g, e] {
    rc = with_actor(g, e->as, true, [&](RegistryCall& call) {
      return write_output(e->out, e->format == "pdf" ? documents::export_batch_pdf(call.env, call.actor, e->batch)
                                                     : documents::export_batch_xlsx(call.env, call.actor, e->batch));
    });
  });
}

void register_batch_import(CLI::App* batch, GlobalOptions& g, int& rc) {
  struct Import {
    std::optional<std::string> as, report;
    std::string file, type = "new";
    bool dry_run = false, good_only = false, json = false;
  };
  auto i = std::make_shared<Import>();
  auto* cmd = batch->add_subcommand(
      "import", "Nhập danh sách XLSX/CSV theo mẫu 19 cột thành yêu cầu nháp / Import a 19-column XLSX or CSV list as "
                "draft requests (exit 2 and nothing written while any row has an error)");
  cmd->add_option("FILE", i->file, "The .xlsx or .csv file")->required();
  cmd->add_option("--as", i->as, "Acting user (unit manager or aggregator)")->required();
  cmd->add_flag("--dry-run", i->dry_run, "Check only: print the report, write nothing");
  cmd->add_flag("--good-rows-only", i->good_only, "Write the good rows even when other rows have errors");
  cmd->add_option("--type", i->type, "Request type for rows whose «Loại yêu cầu» is empty (default new)");
  cmd->add_option("--report", i->report, "Write the report as XLSX with the bad cells marked");
  cmd->add_flag("--json", i->json, "Print the report as JSON");
  cmd->callback([&rc, &g, i] {
    rc = with_actor(g, i->as, false, [&](RegistryCall& call) {
      documents::ImportOptions o;
      o.commit = !i->dry_run;
      o.good_rows_only = i->good_only;
      auto type = registry::parse_request_type(i->type);
      if (!type) return report(type.error().within("--type"));
      o.default_type = *type;
      auto bytes = read_file(i->file, kMaxImportFile);
      if (!bytes) return report(bytes.error());
      auto r = documents::import_sheet(call.env, call.actor, *bytes, std::filesystem::path(i->file).filename().string(), o);
      if (!r) return report(r.error());
      if (i->report) {
        if (int w = write_output(*i->report, documents::report_xlsx(*r)); w != kOk) return w;
      }
      if (i->json) {
        std::cout << documents::to_json(*r).dump(2) << "\n";
      } else {
        std::cout << "Dòng dữ liệu / data rows: " << r->data_rows << ", hợp lệ / good: " << r->good_rows
                  << ", lỗi / bad: " << r->bad_rows << "\n"
                  << documents::describe(*r);
        if (r->committed) {
          std::cout << "Đã tạo " << r->request_ids.size() << " yêu cầu nháp / created " << r->request_ids.size()
                    << " draft requests:";
          for (auto id : r->request_ids) std::cout << " " << id;
          std::cout << "\n";
        }
      }
      if (r->has_errors() && !r->committed) {
        std::cerr << "chungthu: danh sách có lỗi, không ghi gì / the list has errors; nothing was written"
                  << (i->dry_run ? "" : " (--good-rows-only writes the good rows)") << "\n";
        return int{kRefused};
      }
      if (i->dry_run) std::cerr << "Chạy thử: không ghi gì / dry run: nothing was written\n";
      return int{kOk};
    });
  });
}

void register_batch_template(CLI::App* batch, int& rc) {
  auto out = std::make_shared<std::string>();
  auto* cmd = batch->add_subcommand("template", "Mẫu danh sách XLSX để điền (19 cột, danh mục chọn sẵn) / The XLSX list "
                                                "template to fill in (19 columns, drop-down lists)");
  cmd->add_option("--out", *out, "Output .xlsx file")->required();
  cmd->callback([&rc, out] { rc = write_output(*out, documents::list_template()); });
}

void register_request_documents(CLI::App* request, GlobalOptions& g, int& rc) {
  struct Letter {
    std::optional<std::string> as;
    std::int64_t id = 0;
    std::string out;
  };
  auto l = std::make_shared<Letter>();
  auto* letter = request->add_subcommand("letter", "Văn bản đề nghị PDF (Mẫu 01, 02, 04, 05, 06) / The request letter as PDF");
  letter->add_option("ID", l->id, "Request id")->required();
  letter->add_option("--as", l->as, "Acting user (default: the local operator)");
  letter->add_option("--out", l->out, "Output .pdf file")->required();
  letter->callback([&rc, &g, l] {
    rc = with_actor(g, l->as, true, [&](RegistryCall& call) {
      return write_output(l->out, documents::export_request_letter(call.env, call.actor, l->id));
    });
  });

  struct Export {
    std::optional<std::string> as, state;
    std::optional<std::int64_t> batch;
    std::string search, out;
    bool overdue = false;
  };
  auto e = std::make_shared<Export>();
  auto* exp = request->add_subcommand("export", "Xuất danh sách yêu cầu đã lọc ra bảng tính 19 cột / Export the filtered "
                                                "request list as the national 19-column sheet (xlsx)");
  exp->add_option("--as", e->as, "Acting user (default: the local operator)");
  exp->add_option("--state", e->state, "Only this state");
  exp->add_option("--batch", e->batch, "Only this batch");
  exp->add_flag("--overdue", e->overdue, "Only requests past their decision deadline");
  exp->add_option("--search", e->search, "Name without diacritics needed (\"nguyen van an\"), or a CCCD or e-mail");
  exp->add_option("--out", e->out, "Output .xlsx file")->required();
  exp->callback([&rc, &g, e] {
    rc = with_actor(g, e->as, true, [&](RegistryCall& call) {
      registry::RequestFilter f;
      if (e->state) {
        auto s = registry::parse_request_state(*e->state);
        if (!s) return report(s.error().within("--state"));
        f.state = *s;
      }
      f.batch_id = e->batch;
      f.overdue_only = e->overdue;
      f.search = e->search;
      return write_output(e->out, documents::export_requests_xlsx(call.env, call.actor, f));
    });
  });
}

}  // namespace

void register_documents(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* batch = sub(app, "batch", "Danh sách đề nghị / Batches of requests");
  register_batch_export(batch, g, rc);
  register_batch_import(batch, g, rc);
  register_batch_template(batch, rc);
  register_request_documents(sub(app, "request", "Yêu cầu / Requests"), g, rc);
}

}  // namespace ct::cli
