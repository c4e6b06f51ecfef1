"""10,000 reminder emails through a local SMTP server: the target is under 60 seconds.

    .venv/bin/python -m bench.bench_send [--count 10000] [--per-connection 100]

The server is a real aiosmtpd in a separate process on 127.0.0.1 (as a local Postfix would
be), so the client and the server do not share one interpreter. It only counts what it
accepts. The timed part is everything the daemon would do for a batch: building each MIME
message (Vietnamese subject, plain text and HTML parts) and sending it with
`SmtpChannel.send_many`, one connection per `--per-connection` messages.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time

from notifiers import EmailMessage, Security, SmtpChannel, SmtpConfig

TEXT = """Kính gửi {unit},

Cadence xin nhắc: sản phẩm "{output}" thuộc Kế hoạch truyền thông về cải cách hành chính và
chuyển đổi số năm 2025 đến hạn vào 08:00 thứ Hai, ngày 15/9/2025.

Đơn vị chủ trì: {unit}. Đầu mối theo dõi: Sở Khoa học và Công nghệ.
Khi đã hoàn thành, đề nghị đồng chí xác nhận trên hệ thống để không bị nhắc lại.

Trân trọng.
"""
HTML = """<!doctype html><html lang="vi"><body style="font-family:Arial,sans-serif;color:#222">
<p>Kính gửi <b>{unit}</b>,</p>
<table style="border-collapse:collapse;width:100%;max-width:600px">
<tr><td style="padding:6px;border:1px solid #ccc">Sản phẩm</td>
<td style="padding:6px;border:1px solid #ccc">{output}</td></tr>
<tr><td style="padding:6px;border:1px solid #ccc">Hạn</td>
<td style="padding:6px;border:1px solid #ccc">08:00 thứ Hai, 15/9/2025</td></tr>
<tr><td style="padding:6px;border:1px solid #ccc">Tiến độ</td>
<td style="padding:6px;border:1px solid #ccc"><div style="background:#eee;width:200px">
<div style="background:#2e7d32;width:146px;color:#fff;font-size:12px">38/52</div></div></td></tr>
</table>
<p>Khi đã hoàn thành, đề nghị đồng chí xác nhận trên hệ thống để không bị nhắc lại.</p>
<p style="color:#777;font-size:12px">Thư tự động từ Cadence. Vui lòng không trả lời.</p>
</body></html>
"""


def reminders(count: int) -> list[EmailMessage]:
    messages = []
    for number in range(count):
        unit, output = f"UBND xã số {number % 500}", f"Bản tin PAPI số {number % 52 + 1}"
        messages.append(EmailMessage(
            key=f"item-{number}|level-0|vanthu{number}@xa{number % 500}.gov.vn|email",
            to=f"Văn thư {unit} <vanthu{number}@xa{number % 500}.gov.vn>",
            subject=f"Nhắc việc: {output} đến hạn thứ Hai 15/9/2025",
            text=TEXT.format(unit=unit, output=output),
            html=HTML.format(unit=unit, output=output)))
    return messages


class _CountingHandler:
    def __init__(self) -> None:
        self.accepted = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.accepted += 1
        return "250 OK"


def _serve(pipe) -> None:
    """Child process: run the server until told to stop, then report how many it accepted."""
    from tests.support.smtp import _FreePortController

    handler = _CountingHandler()
    controller = _FreePortController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    pipe.send(controller.port)
    pipe.recv()
    controller.stop()
    pipe.send(handler.accepted)


class CountingServer:
    """A local aiosmtpd in another process (so the client's timing is the client's own): its
    ``port`` while open, and how many messages it ``accepted`` once closed."""

    def __init__(self) -> None:
        self.port = 0
        self.accepted = 0

    def __enter__(self) -> "CountingServer":
        self._pipe, theirs = multiprocessing.Pipe()
        self._process = multiprocessing.Process(target=_serve, args=(theirs,), daemon=True)
        self._process.start()
        self.port = self._pipe.recv()
        return self

    def __exit__(self, *_) -> None:
        self._pipe.send("stop")
        self.accepted = self._pipe.recv()
        self._process.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--per-connection", type=int, default=100)
    arguments = parser.parse_args()
    with CountingServer() as server:
        report(server.port, arguments.count, arguments.per_connection)
    print(f"server accepted: {server.accepted}")


def report(port: int, count: int, per_connection: int) -> None:
    config = SmtpConfig(host="127.0.0.1", port=port, sender="Cadence <cadence@so.gov.vn>",
                        security=Security.PLAIN, messages_per_connection=per_connection)
    messages = reminders(count)
    started = time.perf_counter()
    deliveries = SmtpChannel(config).send_many(messages)
    seconds = time.perf_counter() - started
    failed = [d for d in deliveries if not d.ok]
    print(f"sent {count - len(failed)}/{count} reminder emails (text + HTML, Vietnamese), "
          f"{per_connection} per connection")
    print(f"total: {seconds:.2f} s, {count / seconds:.0f} messages/s (target: under 60 s)")
    if failed:
        print(f"first failure: {failed[0].error}")


if __name__ == "__main__":
    main()
