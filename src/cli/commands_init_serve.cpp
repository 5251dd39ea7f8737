#include <iostream>

#include "app/init.h"
#include "cli/commands.h"
#include "server/http_server.h"

namespace ct::cli {

void register_init(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* cmd = app.add_subcommand("init", "Khởi tạo dữ liệu, hệ thống CA và CRL đầu tiên / Initialize data, CA hierarchy, first CRLs");
  auto demo = std::make_shared<bool>(false);
  cmd->add_flag("--demo", *demo, "Thêm dữ liệu mẫu / Add demo data");
  cmd->callback([&rc, &g, demo] {
    const auto dir = app::resolve_data_dir(g.data_dir);
    if (auto s = app::initialize(dir, *demo, std::cout); !s) {
      rc = report(s.error());
      return;
    }
    rc = kOk;
  });
}

void register_serve(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* cmd = app.add_subcommand("serve", "Chạy dịch vụ HTTP / Run the HTTP service");
  auto listen = std::make_shared<std::string>();
  cmd->add_option("--listen", *listen, "ADDR:PORT (default: listen in chungthu.toml, $CHUNGTHU_LISTEN, 127.0.0.1:8080)");
  cmd->callback([&rc, &g, listen] {
    auto ctx = open_context(g);
    if (!ctx) {
      rc = report(ctx.error());
      return;
    }
    auto configured = (*ctx)->config().string("listen", "127.0.0.1:8080");
    if (!configured) {
      rc = report(configured.error());
      return;
    }
    server::ServeOptions opts;
    opts.listen = listen->empty() ? *configured : *listen;
    if (auto s = server::serve(**ctx, opts); !s) {
      rc = report(s.error());
      return;
    }
    rc = kOk;
  });
}

}  // namespace ct::cli
