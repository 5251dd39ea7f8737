#include <iostream>

#include "app/init.h"
#include "cli/commands.h"
#include "server/http_server.h"

namespace ct::cli {

void register_init(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* cmd = app.add_subcommand("init", "Khởi tạo dữ liệu, hệ thống CA và CRL đầu tiên / Initialize data, CA hierarchy, first CRLs");
  auto options = std::make_shared<app::InitOptions>();
  cmd->add_flag("--demo", options->demo, "Thêm dữ liệu mẫu / Add demo data");
  cmd->add_option("--key-backend", options->key_backend,
                  "Nơi giữ khóa CA: software | pkcs11 / Where the CA keys live: software | pkcs11")
      ->check(CLI::IsMember({"software", "pkcs11"}));
  cmd->add_option("--pkcs11-module", options->pkcs11_module,
                  "Thư viện PKCS#11 của HSM / The HSM's PKCS#11 library (--key-backend pkcs11)");
  cmd->add_option("--token-label", options->pkcs11_token_label,
                  "Nhãn token (phân vùng HSM) / The token's (HSM partition's) label (--key-backend pkcs11)");
  cmd->add_option("--pkcs11-pin-file", options->pkcs11_pin_file,
                  "Tệp mã PIN (0600) khi không đặt CHUNGTHU_PKCS11_PIN / PIN file (0600) when CHUNGTHU_PKCS11_PIN is not set");
  cmd->callback([&rc, &g, options] {
    const auto dir = app::resolve_data_dir(g.data_dir);
    if (auto s = app::initialize(dir, *options, std::cout); !s) {
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
