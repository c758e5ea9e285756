"""``main()``: parse, resolve the settings, run a command, and turn every ending into an exit code.

Nothing ordinary ends in a traceback: an ``IpsError`` is its one sentence and its code; a reader that
went away (``| head``) is a quiet exit 141; Ctrl-C is 130; anything unexpected is one line, "run with
--debug for details" and exit 1. Only ``--debug`` shows a traceback.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

from .. import i18n
from ..i18n import _
from ..ips.errors import IpsError  # a leaf module
from . import exitcodes
from .parser import build_parser

if TYPE_CHECKING:  # --version and --help load neither typing's generics nor logging
    import argparse
    from collections.abc import Callable, Mapping, Sequence


_LOG_FILE_SET_UP = False
"""Whether ``_setup_logging`` ran: only then do the root logger's handlers mean the log file (and stderr
with --debug). The sandbox command sets up logging of its own, to stderr: a traceback logged there
would reach the terminal without --debug."""


def _log_exception(message: str) -> None:
    """Log the traceback to the log file (set up by ``_setup_logging``), if it was set up."""
    if _LOG_FILE_SET_UP:
        sys.modules["logging"].getLogger("activejob_tui.cli").exception(message)


def _prompt() -> Callable[[str], str] | None:
    """The password prompt, only when a person is at a terminal."""
    import getpass

    return getpass.getpass if sys.stdin.isatty() else None


def _setup_logging(debug: bool) -> None:
    """Log to a file in the user's state dir; with --debug, also to stderr."""
    import logging

    from ..config import state_dir

    handlers: list[logging.Handler] = []
    try:
        folder = state_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(folder / "activejob-tui.log", encoding="utf-8"))
    except OSError:
        pass
    if debug:
        handlers.append(logging.StreamHandler(sys.stderr))
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )
    for noisy in ("httpx", "httpcore", "zeep", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    global _LOG_FILE_SET_UP
    _LOG_FILE_SET_UP = True


def _say(text: str) -> None:
    """One line on stderr, escaped (server text never reaches the terminal raw)."""
    from ..model.text import printable

    print(f"activejob-tui: {printable(text)}", file=sys.stderr)


def _quiet_broken_pipe() -> int:
    """The reader went away: no message, and point stdout at /dev/null so the interpreter's own flush
    at exit does not fail a second time (the usual handling for Python CLIs)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    return exitcodes.BROKEN_PIPE


def prescan_language(argv: Sequence[str]) -> str | None:
    """The value of ``--lang X`` or ``--lang=X`` in ``argv`` (the last one; none after ``--``), read
    before the parser exists so that the parser's own help is in that language."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def choose_language(argv: Sequence[str], environ: Mapping[str, str]) -> i18n.LanguageChoice:
    """``--lang``, then the config file's ``lang``, then ``LC_ALL``/``LC_MESSAGES``/``LANG``
    (:func:`i18n.resolve_language`); made current. The config file is read without the rest of the
    configuration (a broken file is reported later, by ``config.resolve``)."""
    from ..config_location import configured_language

    choice = i18n.resolve_language(prescan_language(argv), configured_language(environ), environ)
    i18n.set_language(choice.language)
    return choice


def main(argv: Sequence[str] | None = None) -> int:
    """The ``activejob-tui`` entry point; returns the exit code (see ``exitcodes.TABLE``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        code = _main(argv, choose_language(argv, os.environ))
        sys.stdout.flush()  # a broken pipe shows here, not at interpreter exit
        return code
    except SystemExit as done:  # argparse after --help, --version or a usage error
        return _flushed(done.code)
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except IpsError as err:
        if debug:
            _log_exception("failed")
        _say(err.message)
        return err.exit_code
    except KeyboardInterrupt:
        _say(_("interrupted"))
        return exitcodes.INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last net: one line, never a traceback without --debug
        _log_exception("unexpected error")
        if debug:
            import traceback

            traceback.print_exc()
        _say(_("unexpected error: {kind}: {error} (run with --debug for details)").format(
            kind=type(exc).__name__, error=exc))
        return exitcodes.ERROR


def _flushed(code: object) -> int:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_broken_pipe()
    return code if isinstance(code, int) else (0 if code is None else exitcodes.ERROR)


def _main(argv: list[str], language: i18n.LanguageChoice) -> int:
    sandbox_args = _sandbox_args(argv)
    if sandbox_args is not None:
        from ..sandbox.command import main as sandbox_main

        if language.notice:
            _say(language.notice)
        return sandbox_main(sandbox_args)
    parser = build_parser()
    from .completion import complete

    complete(parser)  # returns at once unless a shell asks for completions
    try:
        args = parser.parse_args(argv)
    except SystemExit:  # --help, --version, a usage error: the notice still shows, once
        if language.notice:
            _say(language.notice)
        raise
    if language.notice and args.command is not None:  # the console shows it as a toast
        _say(language.notice)
    return _run(args, bool(vars(args).get("debug")), language.notice)


def _sandbox_args(argv: list[str]) -> list[str] | None:
    """The sandbox command's own arguments when ``argv`` runs it (``[--lang X] [--debug] sandbox …``,
    ``--debug`` also after it, as "run with --debug" invites), else None. Without ``--lang`` and
    ``--debug``: :func:`main` reads them, the sandbox's parser does not know them."""
    bare = [arg for arg in _without_lang(argv) if arg != "--debug"]
    return bare[1:] if bare[:1] == ["sandbox"] else None


def _without_lang(argv: list[str]) -> list[str]:
    """``argv`` without ``--lang X``/``--lang=X`` (the sandbox's own parser does not know it)."""
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out


def _run(args: argparse.Namespace, debug: bool, language_notice: str | None = None) -> int:
    if args.command == "completion":
        from .completion import script

        print(script(args.shell), end="")
        return exitcodes.OK
    _setup_logging(debug)
    from ..config import resolve

    options = _options(args)
    resolved = resolve(options, os.environ, _prompt())
    if resolved.insecure:
        print(_("warning: TLS certificate verification is off (--insecure)."), file=sys.stderr)
    if args.command is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):  # a script or a pipe: the screen would go to it, forever
            _say(_("The console needs a terminal for its input and output; for a listing run: activejob-tui jobs"))
            return exitcodes.USAGE
        return _run_console(resolved, options, language_notice)
    from . import interrupt
    from .follow import redraws
    from .subcommands import run_subcommand

    if redraws(args):  # a screen a person watches takes Ctrl-C, whatever the launcher left (cli/interrupt.py)
        interrupt.take_ctrl_c()
    return interrupt.run(run_subcommand(args, resolved))


def _options(args: argparse.Namespace):  # -> config.Options, imported when running
    from ..config import Options

    get = vars(args).get
    return Options(
        wsdl=get("wsdl"),
        endpoint=get("endpoint"),
        user=get("user"),
        company=get("company"),
        company_handle=get("company_handle"),
        profile=get("profile"),
        insecure=bool(get("insecure")),
        timeout=get("timeout"),
        readonly=bool(get("readonly")),
        poll_interval=get("interval"),
        trace=bool(get("debug")),
    )


def _run_console(resolved, options, language_notice: str | None = None) -> int:
    from ..ips.trim import limit_arenas

    limit_arenas()  # before the console's worker threads: each would keep an arena of freed memory (ips/trim.py)
    from ..contexts import ContextSwitcher
    from ..session import open_source
    from ..tui.app import ActiveJobApp

    app = ActiveJobApp(
        lambda: open_source(resolved),
        contexts=ContextSwitcher(options, os.environ, resolved),
        readonly=resolved.readonly,
        poll_interval=resolved.poll_interval,
        keymap=resolved.keymap,
        insecure=resolved.insecure,
        notify_policy=resolved.notify,
        bell_on_failure=resolved.bell,
        columns=resolved.columns,
        wide_columns=resolved.wide_columns,
        language_notice=language_notice,
        desktop_notify=resolved.desktop_notify,
    )
    app.run()
    # The terminal is restored. Everything still alive is about to go with the process: freezing it
    # spares the interpreter's last full collection over the console's heap (benchmarks/console_life.py:
    # quit median 0.54 s before, 0.24 s after, beside 0.25 s for a bare Textual app).
    gc.freeze()
    return app.return_code or 0
