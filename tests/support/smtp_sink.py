#!/usr/bin/python3
"""A test mail server: accepts SMTP on 127.0.0.1 and keeps each message as files.

Runs on Debian's python3-aiosmtpd (1.4), so start it with /usr/bin/python3.

  smtp_sink.py --dir DIR [--port 0] [--port-file FILE] [--reject-rcpt SUBSTRING=CODE]...
               [--fail-first N] [--delay-data SECONDS]

Each accepted message becomes DIR/NNNN.json ({"mail_from": ..., "rcpt_tos": [...]}) and then
DIR/NNNN.eml (the message as received, after SMTP dot-unstuffing: RFC 5321 §4.5.2), numbered
from 0001 in arrival order. Both are written to a temporary name and renamed, so a reader that
sees NNNN.eml sees complete files and the .json beside it.
"""

import argparse
import asyncio
import json
import os
import signal

from aiosmtpd.smtp import SMTP


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def reject_rule(text):
    substring, sep, code = text.rpartition("=")
    if not sep or not substring or not code.isdigit() or not 400 <= int(code) <= 599:
        raise argparse.ArgumentTypeError("expected SUBSTRING=CODE with a 4xx or 5xx CODE")
    return substring, int(code)


class Sink:
    """The aiosmtpd handler: its hooks answer RCPT and the end of DATA."""

    def __init__(self, args):
        self.directory = args.dir
        self.reject_rcpt = args.reject_rcpt
        self.failures_left = args.fail_first
        self.delay = args.delay_data
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        for substring, code in self.reject_rcpt:
            if substring in address:
                return f"{code} {code // 100}.1.1 <{address}> refused by --reject-rcpt"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        # Called once the whole message is in: the reply is the one to the end of DATA.
        if self.failures_left > 0:
            self.failures_left -= 1
            return "451 4.3.0 try again later"
        self.count += 1
        stem = os.path.join(self.directory, f"{self.count:04d}")
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}
        write_atomically(stem + ".json", json.dumps(meta, ensure_ascii=False).encode())
        write_atomically(stem + ".eml", envelope.original_content)
        if self.delay > 0:
            # The message is kept but not yet acknowledged: a client that gives up now has
            # handed over a message it must treat as not delivered.
            await asyncio.sleep(self.delay)
        return f"250 2.0.0 OK queued as {self.count:04d}"


async def serve(args):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    sink = Sink(args)
    # A fixed hostname: the default, socket.getfqdn(), can wait on DNS.
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="smtp-sink.test", enable_SMTPUTF8=True, loop=loop),
        host="127.0.0.1", port=args.port)
    if args.port_file:
        port = server.sockets[0].getsockname()[1]
        write_atomically(args.port_file, f"{port}\n".encode())
    await stop.wait()
    server.close()
    # asyncio.run() then cancels the sessions still open (a --delay-data sleep among them).


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="where accepted messages are written")
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--port-file", help="receives the port once the sink listens")
    parser.add_argument("--reject-rcpt", type=reject_rule, action="append", default=[],
                        metavar="SUBSTRING=CODE", help="answer CODE to RCPT of a matching address")
    parser.add_argument("--fail-first", type=int, default=0, metavar="N",
                        help="answer 451 at the end of the first N DATA commands")
    parser.add_argument("--delay-data", type=float, default=0.0, metavar="SECONDS",
                        help="wait after keeping a message and before answering 250")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
