#pragma once

namespace ct::app {

// The chungthu.toml written by `init`: every key with its default, commented out.
inline constexpr const char* kDefaultConfig = R"TOML(# chungthu configuration. Every key can be overridden by an environment variable:
# CHUNGTHU_ + the key in upper case with '.' → '_' (ca.issuing_name → CHUNGTHU_CA_ISSUING_NAME).

# database = "sqlite"                      # or "sqlite:///path/file.db"; PostgreSQL: "postgresql://…"
# listen = "127.0.0.1:8080"

[ca]
# country = "VN"
# organization = "Ban Cơ yếu Chính phủ"
# root_name = "RootCA chuyên dùng Chính phủ"
# issuing_name = "CA phục vụ các cơ quan Nhà nước"
# ocsp_name = "OCSP - CA phục vụ các cơ quan Nhà nước"
# root_key = "rsa3072"                      # rsa2048 | rsa3072 | rsa4096 | ec-p256 | ec-p384
# issuing_key = "rsa2048"
# ocsp_key = "rsa2048"
# root_days = 7300
# issuing_days = 3650
# ocsp_days = 365
# ocsp_renew_days = 30                      # the OCSP signer is renewed when fewer days are left
# expiry_warning_days = 180                 # the status page shows a CA closer to its end as expiring
# key_backend = "software"                  # encrypted PKCS#8 files in keys/; "pkcs11": an HSM (docs/hsm.md)
# passphrase_file = "secrets/ca-passphrase" # used when CHUNGTHU_CA_PASSPHRASE is not set
# pkcs11_module = "/usr/lib/softhsm/libsofthsm2.so"  # key_backend = "pkcs11": the HSM's PKCS#11 library
# pkcs11_token_label = "chungthu-ca"        # the token (HSM partition); or pkcs11_token_serial = "…"
# pkcs11_pin_file = "secrets/pkcs11-pin"    # the user PIN (0600) when CHUNGTHU_PKCS11_PIN is not set
# pkcs11_sessions = 8                       # sessions signing at once

[pki]
# base_url = "http://127.0.0.1:8080"        # AIA, OCSP and CRL distribution point URLs
# policy_oid = "2.16.704.1.1.1.1.1"
# crl_next_update_hours = 24
# ocsp_validity_hours = 24

# [profiles.individual]                     # also: organization, device, ocsp, subca
# max_days = 1825
# default_days = 1095
# key_usage = ["digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment"]
# extended_key_usage = ["clientAuth", "emailProtection"]
# require_email = true

[ocsp]                                      # the responder of `serve` (docs/pki.md#ocsp)
# cache_entries = 100000                    # pre-signed responses kept, least recently used go first;
                                            # memory ≤ cache_entries × (OCSP certificate + 2 KiB)
# refresh_percent = 50                      # re-sign a used response when this share of its validity passed
# rate_limit_per_second = 20                # per client address: requests the cache cannot answer from
# rate_limit_burst = 40                     # memory (unknown serials, misses, several CertIDs); 0: off

[registry]
# two_person_types = ["revoke"]             # request types needing two approvals by two people; with
                                            # "revoke", a CA operator's direct revocation needs a second
                                            # operator's confirmation too
# emergency_revocation = false              # true: a direct keyCompromise revocation with a stated
                                            # reason takes effect at once (audited as an emergency)
# holidays = ["01/01/2027", "30/04/2027", "01/05/2027", "02/09/2027"]  # dd/MM/yyyy, besides weekends
# decision_working_days = 3                 # decision due within N working days (Decree 68/2024)
# renewal_min_days_left = 60                # renew with at least N days of validity left (Circular 185/2019)
# renewal_max_days_left = 180               # … and at most N days left (the renewal window opens)
# max_renewals = 1                          # renewals of one key
# renewal_extension_days = 1095             # a renewal adds at most 3 years, never past the CA
# attachment_max_bytes = 10485760           # PDF, PNG or JPEG, content-sniffed
# allow_late = false                        # default for a round: accept batches after the deadline
# activation_link_hours = 72                # a link the admin mails (activation, password reset) works
                                            # once, for this long
# reset_link_minutes = 60                   # a reset link a user asks for at sign-in: once, this long

[server]
# worker = true                             # run the CA operation worker inside `serve`
# tls_cert = ""                             # PEM certificate chain and key: HTTPS when both are set
# tls_key = ""
# shutdown_grace_seconds = 10               # SIGTERM: time open connections get to finish
# keepalive_seconds = 30                    # an idle keep-alive connection is closed after this
# session_idle_minutes = 30                 # sign-in session: idle limit …
# session_max_hours = 12                    # … and absolute limit
# sign_in_free_failures = 5                 # failed sign-ins of a login from one address before each
                                            # next one must wait 1, 2, 4 … seconds (429, Retry-After)
# sign_in_address_free_failures = 50        # the same for all logins tried from one address
# sign_in_max_delay_seconds = 900           # the longest wait
# max_password_checks = 0                   # sign-ins hashing a password at once (argon2id, 64 MiB
                                            # each; 0: one per core); past it 429
# max_connections = 1024                    # open connections; more wait to be accepted
# trusted_proxies = []                      # e.g. ["127.0.0.1", "10.0.0.0/8"]: peers whose
                                            # X-Forwarded-For / X-Forwarded-Proto are believed
# metrics_token = ""                        # /metrics for a bearer of this token (16+ characters);
                                            # always for this machine
# totp_key_file = "secrets/totp-key"        # seals TOTP secrets (or CHUNGTHU_TOTP_KEY, 64 hex digits)
# web_dir = "web/dist"                      # the built web portal (`make web`), relative to the working
                                            # directory; unset: the source tree's web/dist

[devices]                                   # PKCS#11 tokens (SPEC §6; `chungthu token list`)
# pkcs11_module = "/usr/lib/softhsm/libsofthsm2.so" # the PKCS#11 module (.so) of the tokens' middleware
# key_file = "secrets/device-key"           # seals the tokens' SO PINs (or CHUNGTHU_DEVICE_KEY, 64 hex
                                            # digits); keep a copy with the backups of keys/
# transitions = ["active -> temporarily_lost : hold", "temporarily_lost -> active : release",
#                "active -> permanently_lost : revoke keyCompromise", …]
                                            # the device state machine: "FROM -> TO [: hold | release |
                                            # revoke REASON]"; set, it replaces the defaults, which
                                            # `chungthu device transitions` prints
# factory_so_pin_files = ["ePass2003=/root/epass-so.pin"] # 0600 files: the makers' SO PINs for
                                            # `token receive`, by the token's model
# factory_so_pin_file = "/root/factory-so.pin" # the one for every other model

[validation]
# email_domains = ["bacninh.gov.vn"]        # the province's official mailbox domains

[audit]                                     # the audit log (SPEC §8)
# key_ref = "soft:audit"                    # the key that signs checkpoints (keys/)
# chain_key_file = "secrets/audit-chain-key" # keys the hash chain (or CHUNGTHU_AUDIT_CHAIN_KEY, 64
                                            # hex digits); keep a copy with the backups of keys/

[log]                                       # see common/logging.h
# level = "info"                            # debug | info | warn | error (`serve`; other commands: warn)
# format = "text"                           # or "json": one object per line (time, level, event, msg,
                                            # request_id, method, route, actor, status, duration_ms)
# access = false                            # one line per HTTP request

[mail]                                      # notifications (SPEC §9); see notify/mail_settings.h
# smtp_url = ""                             # smtp://host:25, smtp://host:587, smtps://host:465; empty:
                                            # mails wait in the outbox until a server is set
# starttls = "opportunistic"                # opportunistic | required | off (smtp:// only)
# username = ""                             # SMTP AUTH; the password from CHUNGTHU_MAIL_PASSWORD or …
# password_file = "secrets/smtp-password"   # … this file (chmod 600)
# ca_file = ""                              # trust anchors of the mail server's certificate (PEM)
# from = "chungthu@bacninh.gov.vn"          # default: chungthu@ the first validation.email_domains
# from_name = "Chứng thư số – chungthu"
# reply_to = ""
# portal_url = "http://127.0.0.1:8080"      # the links in mails
# templates_dir = "mail-templates"          # the mail templates (init writes them; edit freely)
# digest_time = "07:30"                     # the registration office's daily digest, Vietnam time
# expiry_opens_days = 180                   # reminders: the renewal window opens …
# expiry_closing_days = 74                  # … closes soon; a last one when it has closed
# round_reminder_days = [7, 2]              # before a round's deadline, to units yet to submit
# retry_seconds = 60                        # first retry after a temporary failure, doubling …
# retry_max_seconds = 3600                  # … up to this
# give_up_hours = 72                        # then the mail is marked failed (the admin can retry it)
)TOML";

}  // namespace ct::app
