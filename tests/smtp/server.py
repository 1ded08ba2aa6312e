"""A real SMTP server for the tests, built on aiosmtpd (`cargo xtask test` installs it).

Usage: python3 server.py DIR [PORT]

Listens on 127.0.0.1 (port 0 picks a free one), prints the port on one line once it
accepts connections, and writes each message it accepts to DIR as `000001.eml`,
`000002.eml`, ... (under a temporary name first, then renamed, so a reader never sees
half a message). It runs until killed or until its standard input closes.

Control files in DIR change its answers, so a test can switch them while it runs:
  reject-temporarily   RCPT and DATA get `451 4.3.0 try again later`
  reject-permanently   RCPT and DATA get `550 5.1.1 no such user`
"""

import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP

TEMPORARY = "451 4.3.0 try again later"
PERMANENT = "550 5.1.1 no such user"


class Handler:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    def refusal(self):
        if os.path.exists(os.path.join(self.folder, "reject-permanently")):
            return PERMANENT
        if os.path.exists(os.path.join(self.folder, "reject-temporarily")):
            return TEMPORARY
        return None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refusal = self.refusal()
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        refusal = self.refusal()
        if refusal:
            return refusal
        self.count += 1
        name = os.path.join(self.folder, "%06d.eml" % self.count)
        temporary = name + ".tmp"
        with open(temporary, "wb") as file:
            file.write(envelope.original_content or envelope.content)
        os.replace(temporary, name)
        return "250 OK"


async def main():
    folder = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    os.makedirs(folder, exist_ok=True)
    handler = Handler(folder)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="localhost"), host="127.0.0.1", port=port
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    # Stop when the test process goes away, even if it could not kill us.
    stdin_closed = loop.create_future()
    loop.add_reader(sys.stdin.fileno(), lambda: stdin_closed.done() or stdin_closed.set_result(None))
    await stdin_closed
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
