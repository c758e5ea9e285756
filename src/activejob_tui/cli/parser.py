"""The argument parser: every command, its flags and its examples (light: argparse and the exit codes).

Connection flags are documented once, in ``activejob-tui --help``; each command accepts them too (a
parent parser whose help is suppressed there) and says so in one line.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from typing import Any

from .. import __version__
from ..i18n import N_, _
from ..localized_argparse import VERSION_HELP, Parser
from ..model.controls import CONTROLS
from . import completion, exitcodes

FORMATS = ("table", "wide", "json", "jsonl", "csv", "tsv")
"""``output.FORMATS``, repeated here so ``--help`` does not import the renderers."""

CONNECTION_HELP = N_("""connection (flags > environment > config file profile > defaults):
  environment: IPS_WSDL, IPS_ENDPOINT, IPS_USER, IPS_PASSWORD, IPS_COMPANY; proxies from HTTPS_PROXY, HTTP_PROXY, ALL_PROXY (http, https or socks5) and NO_PROXY
  config file: $ACTIVEJOB_TUI_CONFIG or the user config dir's activejob-tui/config.toml
  The password is never a flag: set IPS_PASSWORD, keep it in a profile of a config file that only you can read (chmod 600), or type it when asked. With no connection setting at all, activejob-tui starts its embedded IPS sandbox and logs in as its demo user; a user, company, company handle, endpoint, password or profile without a WSDL (or an empty --wsdl or IPS_WSDL) is an error (2).""")

SEE_MAIN = N_(
    "Connection flags (--wsdl, --endpoint, --user, --company, --company-handle, --profile, --insecure, "
    "--request-timeout, --readonly, --debug, --lang) work here too; see: activejob-tui --help"
)

EXAMPLES = {
    "jobs": N_("""examples:
  activejob-tui jobs --filter 'state:running progress<50'
  activejob-tui jobs --view logs --sort startDate:desc --limit 20 -o wide
  activejob-tui jobs --format json | jq '.[].jobHandle'
  activejob-tui jobs --format csv --columns jobHandle,name,progress,totalSize > jobs.csv
  activejob-tui jobs --watch                  # redraws on a terminal, one line per change when piped"""),
    "logs": N_("""examples:
  activejob-tui logs 'j|1||Nightly publish|42' --severity warning
  activejob-tui logs -f 'j|1||Nightly publish|42'   # follow a running job until it ends
  activejob-tui logs 'j|1||Nightly publish|42' --format tsv --no-headers | cut -f4"""),
    "wait": N_("""examples:
  activejob-tui wait 'j|1||Nightly publish|42' --timeout 10m && echo published
  activejob-tui wait H1 H2 H3 --timeout 1h30m; echo "worst outcome: $?"

Each job is waited for until it has left the active jobs and its log tells how it ended. \
The exit code is the worst outcome of all: 13 timeout, 11 fatal, 10 errors, 12 cancelled, \
14 unknown, else 0 (success or warnings)."""),
    "stop": N_("example:\n  activejob-tui stop 'j|1||Nightly publish|42' --yes"),
    "pause": N_("example:\n  activejob-tui pause 'j|1||Nightly sync|7'"),
    "resume": N_("example:\n  activejob-tui resume 'j|1||Nightly sync|7' --yes"),
    "execute": N_("example:\n  activejob-tui execute 'j|1||Nightly sync|7' --yes   # run it now, once"),
    "delete": N_("example:\n  activejob-tui delete 'j|1||Old sync|3' --yes"),
    "completion": N_("""examples:
  source <(activejob-tui completion bash)                      # in ~/.bashrc
  activejob-tui completion zsh > "${fpath[1]}/_activejob-tui"
  activejob-tui completion fish > ~/.config/fish/completions/activejob-tui.fish"""),
}

_CONFIRMS = N_("Asks for confirmation on a terminal unless --yes, then reports what the server answered and the "
                "state seen on the next poll.")
_FIRST_SENTENCES = {
    "stop": N_("Stop running jobs."),
    "pause": N_("Pause scheduled jobs."),
    "resume": N_("Resume paused scheduled jobs."),
    "execute": N_("Run scheduled jobs now."),
    "delete": N_("Delete scheduled jobs."),
}
"""The first sentence of each control command's description (``model.controls.Control.summary`` is its
one-line help); a sentence of its own, so a translator can write it as a sentence."""

_DURATION = r"(\d+(?:\.\d+)?)(ms|s|m|h|d)"
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


VIEW_WORDS = {"active": "active", "scheduled": "scheduled", "logs": "logs", "finished": "logs"}
"""``jobs --view`` word → the view it lists: ``finished`` (the console's name for the view) is ``logs``,
the job logs of finished jobs (IPS getJobLogs, IPS_JOBS_API.md §1.1, §4.3)."""


def view_name(text: str) -> str:
    """The ``--view`` word ``text`` as the view it names (``finished`` → ``logs``); an unknown word is
    returned as is for argparse's choices check to refuse."""
    return VIEW_WORDS.get(text, text)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("must be a whole number, not {text!r}").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1, not {value}").format(value=value))
    return value


def positive_seconds(text: str) -> float:
    """An argparse type: a positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("must be a number of seconds, not {text!r}").format(text=text)) from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(_("must be a positive number of seconds, not {text!r}").format(text=text))
    return value


def duration(text: str) -> float:
    """An argparse type: ``90``, ``90s``, ``10m``, ``1h30m``, ``2d`` → seconds (positive)."""
    cleaned = text.strip().lower().replace(" ", "")
    try:
        return positive_seconds(cleaned)
    except argparse.ArgumentTypeError:
        pass
    import re  # only when a duration is given: --help and --version stay light

    parts = re.findall(_DURATION, cleaned)
    if not parts or "".join(n + u for n, u in parts) != cleaned:
        raise argparse.ArgumentTypeError(_("must be a duration like 90s, 10m or 1h30m, not {text!r}").format(text=text))
    seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in parts)
    if seconds <= 0:
        raise argparse.ArgumentTypeError(_("must be longer than zero, not {text!r}").format(text=text))
    return seconds


def _complete(action: argparse.Action, completer: Callable[..., Iterable[str]]) -> None:
    """Give ``action`` an argcomplete completer (argcomplete reads the ``completer`` attribute it documents)."""
    # argparse.Action does not declare argcomplete's attribute; this is the one place that sets it
    action.completer = completer  # type: ignore[attr-defined]


def _columns(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError(_("give at least one column, e.g. --columns jobHandle,name"))
    return names


def _connection_parser(*, documented: bool, request_timeout_alias: bool = True) -> argparse.ArgumentParser:
    """Flags shared by every command; SUPPRESS so a subcommand does not reset the main parser's.
    ``documented`` only on the main parser: a command accepts them but does not repeat their help."""
    parent = Parser(add_help=False)
    _connection_flags(parent, documented=documented, request_timeout_alias=request_timeout_alias)
    return parent


def _connection_flags(parser: argparse.ArgumentParser, *, documented: bool, request_timeout_alias: bool = True) -> None:
    """Add the connection flags to ``parser`` (see :func:`_connection_parser`)."""
    group = parser.add_argument_group(_("connection")) if documented else parser
    hide = argparse.SUPPRESS

    def add(*flags: str, help: str, **kwargs: Any) -> None:  # forwarded as they are to add_argument
        group.add_argument(*flags, default=argparse.SUPPRESS, help=_(help) if documented else hide, **kwargs)

    add("--wsdl", metavar="URL|PATH", help=N_("IPS WSDL: an http(s) URL or a file (its namespace picks the API version)"))
    add("--endpoint", metavar="URL", help=N_("SOAP endpoint, overriding the WSDL's address"))
    add("--user", metavar="EMAIL", help=N_("IPS user (e-mail)"))
    add("--company", metavar="NAME", help=N_("company name (resolved once to its handle)"))
    add("--company-handle", metavar="HANDLE", help=N_("company handle, e.g. c|123"))
    add("--profile", metavar="NAME", help=N_("profile of the config file to use"))
    add("--insecure", action="store_true", help=N_("do not verify TLS certificates (warns)"))
    timeout_flags = ("--request-timeout", "--timeout") if request_timeout_alias else ("--request-timeout",)
    # float, not positive_seconds: config checks it, with the same sentence for the flag and the file
    add(*timeout_flags, dest="timeout", type=float, metavar="SECONDS", help=N_("per-request timeout (30)"))
    add("--readonly", action="store_true", help=N_("refuse stop/pause/resume/execute/delete"))
    add("--debug", action="store_true", help=N_("tracebacks and a SOAP trace (password masked)"))
    # read before the parser is built (cli.entry.prescan_language), accepted here so --help lists it
    add("--lang", metavar="LANG", help=N_("language of the console and the CLI: en or zh_TW (default: the config's "
                                          "lang, then LC_ALL, LC_MESSAGES, LANG)"))


def _output_flags(parser: argparse.ArgumentParser, *, logs: bool = False) -> None:
    """-o/--columns/--no-headers for ``jobs`` (a row per job) or ``logs`` (a row per detail line)."""
    parser.add_argument(
        "-o", "--output", "--format", dest="format", choices=FORMATS, default="table", metavar="FORMAT",
        help=_("table (default), wide (more columns), json (an array, one detail line per line), jsonl (one "
               "object per line), csv or tsv (IPS names as headers, raw values)") if logs else
        _("table (default), wide (more columns), json (an array, one job per line), jsonl (one object "
          "per line), csv or tsv (IPS names as headers, raw values)"),
    )
    parser.add_argument(
        "--columns", type=_columns, metavar="A,B,C",
        help=_("these columns only, in this order: table columns or IPS field names (e.g. "
               "dateCreated,severity,logMessage)") if logs else
        _("these columns only, in this order: table columns or IPS field names (e.g. jobHandle,progress)"),
    )
    parser.add_argument("--no-headers", action="store_true", help=_("no header line (table, csv, tsv)"))


def build_parser() -> argparse.ArgumentParser:
    quiet = _connection_parser(documented=False)
    parser = Parser(
        prog="activejob-tui",
        description=_("Operations console for the jobs of Adobe Dynamic Media Classic's IPS SOAP API.\n"
                      "Without a command it opens the console."),
        epilog=f"{_(CONNECTION_HELP)}\n\n{exitcodes.help_text()}\n\n"
        + _("example:\n  activejob-tui --profile emea"),
    )
    _connection_flags(parser, documented=True)
    parser.add_argument("--version", action="version", version=f"activejob-tui {__version__}", help=_(VERSION_HELP))
    parser.add_argument("--interval", type=float, metavar="SECONDS", default=None,
                        help=_("poll interval of the console, --watch, logs -f and wait (2; at least 0.5)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, description: str, parents=(quiet,)) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=help_text, description=description, parents=list(parents),
            epilog=f"{_(EXAMPLES[name])}\n\n{_(SEE_MAIN)}",
        )
        if name in ("jobs", "logs", "wait"):
            sub.add_argument("--interval", type=float, metavar="SECONDS", default=argparse.SUPPRESS,
                             help=_("poll interval for --watch, -f and wait (2; at least 0.5)"))
        return sub

    jobs = command("jobs", _("list active, scheduled or finished jobs"), _("List jobs."))
    jobs.add_argument("--view", choices=[*VIEW_WORDS], type=view_name, default="active",
                      help=_("which jobs (active); logs, or finished: the job logs of finished jobs (IPS "
                             "getJobLogs), the console's Finished view"))
    jobs.add_argument("--filter", metavar="EXPR", default="",
                      help=_("filter expression, e.g. 'type:video !state:done'"))
    _complete(jobs.add_argument("--sort", metavar="FIELD[:desc]", help=_("sort by an IPS field, e.g. startDate:desc "
                      "(fields with one value per job; see the error for the list)")), completion.sort_fields)
    jobs.add_argument("--limit", type=positive_int, metavar="N", help=_("show at most N jobs (N >= 1)"))
    jobs.add_argument("-w", "--watch", action="store_true",
                      help=_("keep polling: redraw the table on a terminal; when piped, one line per change "
                             "(added, state, progress, gone)"))
    _output_flags(jobs)

    logs = command("logs", _("show a job's log details (follow a running one with -f)"),
                   _("Show the detail lines of a job's log, all pages. With -f, follow a running job's "
                     "new lines until it ends, then print its outcome and exit with its code (see wait)."))
    _complete(logs.add_argument("job_handle", metavar="JOB_HANDLE"), completion.handles)
    logs.add_argument("--severity", choices=["info", "success", "warning", "error"],
                      help=_("only lines of this severity or worse"))
    logs.add_argument("-f", "--follow", action="store_true", help=_("follow a running job until it ends"))
    _output_flags(logs, logs=True)

    wait = command("wait", _("wait until jobs have ended; the exit code tells how"),
                   _("Block until each job has ended, then print its outcome."),
                   parents=(_connection_parser(documented=False, request_timeout_alias=False),))
    _complete(wait.add_argument("handles", nargs="+", metavar="HANDLE", help=_("job handle(s)")), completion.handles)
    wait.add_argument("--timeout", dest="wait_timeout", type=duration, metavar="DURATION",
                      help=_("give up after this long, e.g. 90s, 10m, 1h30m (exit code 13); default: no limit"))

    for control_word in CONTROLS.values():
        name = control_word.verb
        control = command(name, _(control_word.summary), f"{_(_FIRST_SENTENCES[name])} {_(_CONFIRMS)}")
        _complete(control.add_argument("handles", nargs="+", metavar="HANDLE", help=_("job handle(s)")),
                  completion.handles)
        control.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))

    shell = command("completion", _("print a shell completion script (bash, zsh, fish)"),
                    _("Print the completion script for a shell; job handles complete from the last listing."),
                    parents=())
    shell.add_argument("shell", choices=completion.SHELLS)

    commands.add_parser("sandbox", help=_("run the IPS sandbox server (see: activejob-tui sandbox --help)"),
                        add_help=False)
    return parser
