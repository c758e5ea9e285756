"""argparse in the operator's language (issue 15), through argparse's public extension points only.

argparse writes its own words ("usage:", "options", "show this help message and exit", its error
sentences) through the process-wide ``gettext`` domain, which follows ``LANG`` and not ``--lang``.
So :class:`Parser` and :class:`Formatter` put our catalog's translation in instead:

- the usage prefix: :meth:`Formatter.add_usage` passes ``prefix``;
- the default group titles: :meth:`Parser.add_argument_group` translates argparse's two titles;
- ``-h/--help``: added by :class:`Parser` itself with a translated help;
- errors: :meth:`Parser.error` (documented as the method to override) matches argparse's English
  sentence against argparse's own message templates (:data:`ARGPARSE_MESSAGES`, the msgids of the
  ``common`` catalog) and puts the captured values into the translated template. A sentence no template
  matches (ours, already translated when raised) is shown as it is.

Help fits the terminal: :meth:`Parser.format_help` and :meth:`Parser.format_usage` (public methods)
pass argparse's text through :func:`.help_fit.fit` at argparse's own width (the terminal's columns − 2).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from typing import Any, NoReturn

from .help_fit import fit
from .i18n import N_, _

USAGE_PREFIX = N_("usage: ")
HELP_HELP = N_("show this help message and exit")
VERSION_HELP = N_("show program's version number and exit")
_GROUP_TITLES = (N_("positional arguments"), N_("options"))
_ERROR = N_("%(prog)s: error: %(message)s\n")

ARGPARSE_MESSAGES = (
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("unexpected option string: %s"),
)
"""argparse's error sentences (Python 3.11), as its source writes them."""

_NO_VALUE = re.compile(r"argument (\S+): expected one argument")
DASH_VALUE_HINT = N_("a value that starts with '-' goes after '=': {option}={value}")
_HINTED = N_("{message}; {hint}")
"""Said after argparse's "expected one argument" when the word after the option starts with ``-``
(``wait --timeout -5s``): argparse reads such a word as an option, unless it is a negative number."""

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sr]|%[sr]")


def _pattern(template: str) -> re.Pattern[str]:
    parts, last, index = [], 0, 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        parts.append(f"(?P<{match.group(1) or f'_{index}'}>.+?)")
        index += 0 if match.group(1) else 1
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


_PATTERNS = [(template, _pattern(template)) for template in ARGPARSE_MESSAGES]


def localize_message(message: str) -> str:
    """argparse's English ``message`` in the current language (nested sentences too); as it is when
    no template of :data:`ARGPARSE_MESSAGES` matches it."""
    for template, pattern in _PATTERNS:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        values = found.groupdict()
        if "message" in values:
            values["message"] = localize_message(values["message"])
        positional = iter(v for k, v in values.items() if k.startswith("_"))

        def put(match: re.Match[str], values: dict[str, str] = values, positional: Any = positional) -> str:
            return values[match.group(1)] if match.group(1) else next(positional)

        return _PLACEHOLDER.sub(put, _(template))
    return message


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs kept as written (``RawDescriptionHelpFormatter``: one line per paragraph
    or example; :func:`.help_fit.fit` wraps them), the usage prefix translated."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _(USAGE_PREFIX) if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own words are translated (see the module docstring)."""

    given: tuple[str, ...] = ()
    """The words this parser was last given (a subcommand's parser: the words after its name)."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        kwargs["add_help"] = False  # our own -h/--help below, with a translated help text
        super().__init__(*args, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=_(HELP_HELP))

    def add_argument_group(self, *args: Any, **kwargs: Any) -> Any:
        title = kwargs.get("title", args[0] if args else None)
        if title in _GROUP_TITLES:
            kwargs["title"], args = _(title), args[1:]
        return super().add_argument_group(*args, **kwargs)

    def format_usage(self) -> str:
        return fit(super().format_usage(), shutil.get_terminal_size().columns - 2)

    def format_help(self) -> str:
        return fit(super().format_help(), shutil.get_terminal_size().columns - 2)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self.given = tuple(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        said = localize_message(message)
        if (hint := self._dash_value(message)) is not None:
            said = _(_HINTED).format(message=said, hint=hint)
        self.exit(2, _(_ERROR) % {"prog": self.prog, "message": said})

    def _dash_value(self, message: str) -> str | None:
        """The hint of :data:`DASH_VALUE_HINT` when ``message`` says an option got no value and the
        word after it starts with ``-``; None otherwise."""
        found, given = _NO_VALUE.fullmatch(message), self.given
        if found is None:
            return None
        for option in found.group(1).split("/"):
            at = given.index(option) if option in given else -1
            if 0 <= at < len(given) - 1 and given[at + 1].startswith("-"):
                return _(DASH_VALUE_HINT).format(option=option, value=given[at + 1])
        return None
