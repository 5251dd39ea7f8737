# Shared by the mail tests (sourced after lib.sh): a real SMTP server (Debian's python3-aiosmtpd,
# tests/support/smtp_sink.py) on a free loopback port that chungthu is configured to use, and
# the facts of a received mail. The caller's EXIT trap should call stop_sink.
SINK="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/support/smtp_sink.py"

# A free loopback port for the mail server, which is not started yet.
SMTP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export CHUNGTHU_MAIL_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT"
export CHUNGTHU_MAIL_STARTTLS=off
export CHUNGTHU_MAIL_SEND_LEASE_SECONDS=1

SINK_PID=""
# start_sink DIR [sink options]: the mail server on $SMTP_PORT, writing each mail to DIR.
start_sink() {
  local dir=$1
  shift
  mkdir -p "$dir"
  rm -f "$SCRATCH/port"
  /usr/bin/python3 "$SINK" --dir "$dir" --port "$SMTP_PORT" --port-file "$SCRATCH/port" "$@" &
  SINK_PID=$!
  for _ in $(seq 100); do [ -f "$SCRATCH/port" ] && return 0; sleep 0.05; done
  echo "the mail server did not start"
  return 1
}
stop_sink() {
  if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
  SINK_PID=""
}

# mail_facts FILE: recipients, the decoded subject, the decoded text part, the Message-ID.
mail_facts() {
  python3 - "$1" <<'PY'
import email, email.policy, json, sys
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
text = ""
for part in m.walk():
    if part.get_content_type() == "text/plain":
        text = part.get_content()
print(json.dumps({"to": str(m["To"]), "subject": str(m["Subject"]), "text": text,
                  "id": str(m["Message-ID"]), "type": m.get_content_type()}, ensure_ascii=False))
PY
}

