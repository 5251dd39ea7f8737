// The certificates we sign, verified by independent implementations (SPEC §6): OpenSSL's
// `openssl verify -x509_strict`, GnuTLS `certtool --verify-chain` and NSS `certutil -V`.
// Validity covers the real current time, since these tools use the system clock.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/clock.h"
#include "crypto/certificate.h"
#include "crypto/certificate_testing.h"
#include "crypto/pem.h"

namespace ct::crypto {
namespace {

struct Output {
  int status = -1;
  std::string text;
};

Output run(const std::string& command) {
  Output out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.text.append(buf, n);
  const int rc = ::pclose(pipe);
  out.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

bool have(const char* tool) { return run(std::string("command -v ") + tool).status == 0; }

class Interop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const TimePoint now = SystemClock().now();
    h_ = testing::make_hierarchy(now - std::chrono::hours(1), now + std::chrono::hours(24 * 30), 7);
    std::string tmpl = (std::filesystem::temp_directory_path() / "ct-interop-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    write("root.pem", {&h_->root});
    write("sub.pem", {&h_->sub});
    write("person.pem", {&h_->person});
    write("tls.pem", {&h_->tls});
    write("ocsp.pem", {&h_->ocsp});
    write("person-chain.pem", {&h_->person, &h_->sub});
    write("tls-chain.pem", {&h_->tls, &h_->sub});
    write("ocsp-chain.pem", {&h_->ocsp, &h_->sub});
    write("person-full.pem", {&h_->person, &h_->sub, &h_->root});
    write("tls-full.pem", {&h_->tls, &h_->sub, &h_->root});
    write("ocsp-full.pem", {&h_->ocsp, &h_->sub, &h_->root});
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    h_.reset();
  }
  static void write(const std::string& name, std::initializer_list<const testing::Issued*> certs) {
    std::ofstream out(dir_ / name, std::ios::binary);
    for (const auto* c : certs) out << to_pem(c->der, "CERTIFICATE");
  }
  static std::string path(const std::string& name) { return "'" + (dir_ / name).string() + "'"; }

  static std::unique_ptr<testing::Hierarchy> h_;
  static std::filesystem::path dir_;
};
std::unique_ptr<testing::Hierarchy> Interop::h_;
std::filesystem::path Interop::dir_;

TEST_F(Interop, OpenSslVerifyX509Strict) {
  const std::string base = "openssl verify -x509_strict -CAfile " + path("root.pem") + " ";
  const Output sub = run(base + path("sub.pem"));
  EXPECT_EQ(sub.status, 0) << sub.text;
  const std::string chain = base + "-untrusted " + path("sub.pem") + " ";
  for (const char* leaf : {"person.pem", "tls.pem", "ocsp.pem"}) {
    const Output out = run(chain + path(leaf));
    EXPECT_EQ(out.status, 0) << leaf << ": " << out.text;
    EXPECT_NE(out.text.find(": OK"), std::string::npos) << out.text;
  }
  for (const auto& [leaf, purpose] : {std::pair{"person.pem", "sslclient"}, std::pair{"person.pem", "smimesign"},
                                      std::pair{"tls.pem", "sslserver"}}) {
    const Output out = run(chain + "-purpose " + purpose + " " + path(leaf));
    EXPECT_EQ(out.status, 0) << leaf << " " << purpose << ": " << out.text;
  }
  const Output wrong = run(chain + "-purpose sslserver " + path("person.pem"));
  EXPECT_NE(wrong.status, 0) << "a client certificate must not pass as a server";
}

TEST_F(Interop, GnuTlsCerttoolVerifyChain) {
  if (!have("certtool")) GTEST_SKIP() << "certtool (gnutls-bin) not installed";
  // The purposes are the EKU OIDs: clientAuth, serverAuth, OCSPSigning.
  for (const auto& [chain, purpose] : {std::pair{"person", "1.3.6.1.5.5.7.3.2"}, std::pair{"tls", "1.3.6.1.5.5.7.3.1"},
                                       std::pair{"ocsp", "1.3.6.1.5.5.7.3.9"}}) {
    const std::string name = std::string(chain);
    const Output anchored = run("certtool --verify --verify-profile medium --verify-purpose " + std::string(purpose) +
                                " --load-ca-certificate " + path("root.pem") + " --infile " + path(name + "-chain.pem"));
    EXPECT_EQ(anchored.status, 0) << name << ": " << anchored.text;
    EXPECT_NE(anchored.text.find("Chain verification output: Verified"), std::string::npos) << anchored.text;
    const Output whole = run("certtool --verify-chain --verify-profile medium --infile " + path(name + "-full.pem"));
    EXPECT_EQ(whole.status, 0) << name << ": " << whole.text;
    EXPECT_NE(whole.text.find("Chain verification output: Verified"), std::string::npos) << whole.text;
  }
}

TEST_F(Interop, NssCertutilValidates) {
  if (!have("certutil")) GTEST_SKIP() << "certutil (libnss3-tools) not installed";
  const std::string db = "sql:" + (dir_ / "nssdb").string();
  std::filesystem::create_directories(dir_ / "nssdb");
  ASSERT_EQ(run("certutil -N -d " + db + " --empty-password").status, 0);
  const auto add = [&](const char* nick, const char* trust, const char* file) {
    const Output out = run("certutil -A -d " + db + " -n " + nick + " -t '" + trust + "' -i " + path(file));
    EXPECT_EQ(out.status, 0) << out.text;
  };
  add("root", "CT,C,C", "root.pem");
  add("sub", ",,", "sub.pem");
  add("person", ",,", "person.pem");
  add("tls", ",,", "tls.pem");
  add("ocsp", ",,", "ocsp.pem");
  for (const auto& [nick, usage] : {std::pair{"person", "C"}, std::pair{"person", "S"}, std::pair{"tls", "V"},
                                    std::pair{"ocsp", "O"}}) {
    const Output out = run("certutil -V -d " + db + " -n " + nick + " -u " + usage);
    EXPECT_EQ(out.status, 0) << nick << " -u " << usage << ": " << out.text;
    EXPECT_NE(out.text.find("certificate is valid"), std::string::npos) << out.text;
  }
}

TEST_F(Interop, VietnameseSubjectIsReadableUtf8String) {
  const Output subject = run("openssl x509 -noout -subject -nameopt utf8,sep_comma_plus -in " + path("person.pem"));
  ASSERT_EQ(subject.status, 0) << subject.text;
  EXPECT_NE(subject.text.find("C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,OU=Sở Giáo dục và Đào tạo,CN=Nguyễn Văn An"),
            std::string::npos)
      << subject.text;
  const Output asn1 = run("openssl asn1parse -in " + path("person.pem"));
  ASSERT_EQ(asn1.status, 0) << asn1.text;
  EXPECT_NE(asn1.text.find("UTF8STRING        :Nguyễn Văn An"), std::string::npos) << asn1.text;
  EXPECT_NE(asn1.text.find("UTF8STRING        :Sở Giáo dục và Đào tạo"), std::string::npos);
  EXPECT_NE(asn1.text.find("PRINTABLESTRING   :VN"), std::string::npos);
}

}  // namespace
}  // namespace ct::crypto
