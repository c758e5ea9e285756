"""``activejob-tui sandbox``: run the IPS sandbox in the foreground."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import fcntl
import logging
import os
import random
import signal
import sys
from pathlib import Path
from typing import IO

from aiohttp import web

from ..i18n import _
from ..localized_argparse import Parser
from .chaos import parse_chaos
from .engine import Engine
from .paths import API_ENDPOINT_PATH, ENDPOINT_PATH, WSDL_2016_PATH, WSDL_LEGACY_PATH
from .seed import DEMO_COMPANY, DEMO_USER, seed_bulk, seed_demo
from .server import make_app
from .store import Store
from .wire_shape import WIRES, WireShape

log = logging.getLogger("activejob_tui.sandbox")

SHUTDOWN_GRACE = 1.0
"""Seconds a stopping sandbox gives the answers still in flight (aiohttp's default is 60 s): then they are
cut and the clean shutdown goes on. Every answer of the sandbox takes well under a second but a
``--chaos slow`` one; a client that stopped reading, or an answer made late on purpose, held a SIGTERM'd
sandbox past its owner's exit — the console had quit and the sandbox was still there (issue 9)."""


def default_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("activejob-tui")) / "sandbox.db"


def tcp_port(text: str) -> int:
    """An argparse type: a TCP port, 0 (a free one) to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(_("must be a TCP port from 0 to 65535, not {text!r}").format(text=text))
    return port


def db_file(text: str) -> Path:
    """An argparse type: the SQLite file of ``--db``, in a folder that exists (a mistyped path must not
    leave new folders behind; only the default location makes its own folder)."""
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(_("{path} is a folder; give a database file in it, e.g. {example}").format(
            path=path, example=path / "sandbox.db"))
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(_("the folder {folder} does not exist; create it first, or give a file in an "
                                           "existing folder").format(folder=path.parent))
    return path


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="activejob-tui sandbox",
        description=_("Run the IPS sandbox: a local SOAP server that imitates the job operations of Adobe Dynamic "
                    "Media Classic's IPS API (both the legacy and the 2016-01-14-beta namespace), with simulated "
                    "jobs kept in SQLite."),
        epilog=_("Chaos syntax: comma-separated kind=rate items (rate = probability per SOAP request, 0..1); "
               "slow takes rate:seconds or rate:min-max. Kinds: slow (answer late), drop (close the connection), "
               "http500 (HTTP 500 with an HTML body), fault (SOAP ipsApiFault 30000), malformed (truncated XML). "
               "Example: --chaos slow=0.2:3.0,drop=0.1,http500=0.05,fault=0.05,malformed=0.05"),
    )
    p.add_argument("--host", default="127.0.0.1", help=_("address to bind (default: 127.0.0.1, loopback only)"))
    p.add_argument("--port", type=tcp_port, default=8080, help=_("TCP port, 0 to 65535; 0 picks a free one (default: 8080)"))
    p.add_argument("--db", type=db_file, default=None,
                   help=_("SQLite database file, created and seeded if new, in a folder that exists (default: "
                        "<user data dir>/activejob-tui/sandbox.db)"))
    p.add_argument("--demo-jobs", type=int, default=None, metavar="N",
                   help=_("seed a new database with N long-running active jobs instead of the demo mix"))
    p.add_argument("--seed", type=int, default=None, metavar="S", help=_("random seed, for deterministic data"))
    p.add_argument("--speed", type=float, default=1.0, metavar="X",
                   help=_("simulated seconds per real second: jobs run X times faster (default: 1.0)"))
    p.add_argument("--chaos", action="append", default=[], metavar="SPEC",
                   help=_("rehearsal faults, e.g. slow=0.2:3.0,drop=0.1 (repeatable; see below)"))
    p.add_argument("--wire", choices=WIRES, default="ips",
                   help=_("answer shape: ips (default) or axis2, the way recorded real IPS servers answer: empty "
                        "optional elements, single-quoted XML declaration, soapenv:Server faults with tns: detail, "
                        "bare company handles, Java-class task types"))
    p.add_argument("--mtom", action="store_true",
                   help=_("send every answer as MTOM/XOP multipart/related, as Axis2 does when MTOM is on"))
    p.add_argument("--log-level", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR"),
                   help=_("logging level, to stderr (default: INFO)"))
    return p


def claim(db_path: Path) -> IO[str]:
    """Hold ``db_path`` for this sandbox alone: an exclusive lock on ``<db>.lock`` (with this process id
    in it) until the process ends. Two sandboxes on one database would both run its schedules and
    move its jobs — each job fired twice (a new user's ``activejob-tui sandbox`` beside a console's
    embedded one). Raises OSError naming the other sandbox's process when it is held."""
    db_path.parent.mkdir(parents=True, exist_ok=True)  # the default one's folder, as the store makes it
    lock = open(f"{db_path}.lock", "a+", encoding="utf-8")  # noqa: SIM115 - held open for the process's life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.seek(0)
        holder = lock.read().strip() or "?"
        lock.close()
        raise OSError(_("{db} is served by another sandbox (process {pid}); use it, stop it, or give --db "
                        "another file.").format(db=db_path, pid=holder)) from None
    lock.truncate(0)
    lock.write(str(os.getpid()))
    lock.flush()
    return lock


async def _serve(args: argparse.Namespace, db_path: Path) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - non-Unix
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop.set))
    fresh = not db_path.exists()
    held = claim(db_path)
    store = Store(db_path)
    try:
        engine = Engine(store, speed=args.speed, seed=args.seed)
        engine.advance()
        chaos = parse_chaos(args.chaos, args.seed)
        app = make_app(engine, chaos, WireShape(args.wire, args.mtom))
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_GRACE)
        await runner.setup()
        try:  # the port before the seeding: nothing is made for a sandbox that cannot listen
            await web.TCPSite(runner, args.host, args.port, reuse_address=True).start()
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            raise OSError(_("port {port} on {host} is in use; give --port another one (0 picks a free one).").format(
                port=args.port, host=args.host)) from None
        if store.is_new:
            rng = random.Random(args.seed)
            if args.demo_jobs is not None:
                seed_bulk(engine, rng, args.demo_jobs)
            else:
                seed_demo(engine, rng)
        elif args.demo_jobs is not None:
            log.warning("--demo-jobs ignored: %s already holds data", db_path)
        engine.warm_cache_now()
    except BaseException:  # the port is taken, a bad --host…: a database made just now is not left behind
        store.close()
        if fresh:
            for leftover in ("", "-wal", "-shm", ".lock"):
                Path(f"{db_path}{leftover}").unlink(missing_ok=True)
        held.close()
        raise
    host, port = runner.addresses[0][:2]
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}"
    lines = [
        f"IPS sandbox listening on {base}",
        f"  WSDL (2016-01-14-beta): {base}{WSDL_2016_PATH}",
        f"  WSDL (legacy):          {base}{WSDL_LEGACY_PATH}",
        f"  Endpoint:               {base}{ENDPOINT_PATH} (also {API_ENDPOINT_PATH})",
        f"  Demo login:             {DEMO_USER[0]} / {DEMO_USER[1]}  (company \"{DEMO_COMPANY}\")",
        f"  Database:               {db_path}",
    ]
    if args.wire != "ips" or args.mtom:
        lines.append(f"  Wire:                   {args.wire}{' + MTOM' if args.mtom else ''}")
    if chaos.enabled:
        lines.append(f"  Chaos:                  {chaos.rates}")
    sys.stdout.write("\n".join(lines) + "\n")  # one write, so a reader sees all lines together
    sys.stdout.flush()
    engine.start()
    try:
        await stop.wait()
    finally:
        # Stopping already: a second SIGTERM (an owner's stop() after its terminate(), the stdin watcher
        # of sandbox/process.py when the owner then closes the pipe) must not kill the clean shutdown
        # half-way (exit -15 instead of 0). The loop's handler goes first, or closing the loop would put
        # SIG_DFL back. A second Ctrl-C still interrupts, as an operator at a terminal expects.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signal.SIGTERM)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        log.info("stopping")
        await engine.stop()
        await runner.cleanup()
        store.close()
        held.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=getattr(logging, args.log_level), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        parse_chaos(args.chaos)
    except ValueError as exc:
        build_parser().error(str(exc))
    if args.speed <= 0:
        build_parser().error("--speed must be positive")
    if args.demo_jobs is not None and args.demo_jobs < 0:
        build_parser().error("--demo-jobs must not be negative")
    db_path = args.db if args.db is not None else default_db_path()
    try:
        return asyncio.run(_serve(args, db_path))
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        print(f"activejob-tui sandbox: {exc}", file=sys.stderr)
        return 1
