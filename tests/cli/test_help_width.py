"""``--help`` fits the terminal it is read in, in both languages: argparse wraps by characters, so a
line of Chinese (two cells a character) came out twice as wide as the terminal, and the epilogs, kept
as written, were up to 101 columns wide in English (a new user's 80-column terminal)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from activejob_tui import i18n
from activejob_tui.cli.parser import build_parser
from activejob_tui.help_fit import fit, wrap
from activejob_tui.sandbox.command import build_parser as build_sandbox_parser

COMMANDS = ("", "jobs", "logs", "wait", "stop", "pause", "resume", "execute", "delete", "completion")


def _help(name: str, columns: int, monkeypatch, capsys) -> str:
    """``activejob-tui NAME --help`` as printed in a terminal of ``columns``."""
    monkeypatch.setenv("COLUMNS", str(columns))
    parser, argv = (build_sandbox_parser(), ["--help"]) if name == "sandbox" else (build_parser(), [name, "--help"] if name else ["--help"])
    with pytest.raises(SystemExit):
        parser.parse_args(argv)
    return capsys.readouterr().out


@pytest.fixture(params=["en", "zh_TW"])
def language(request):
    before = i18n.language()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_every_line_of_every_help_fits_the_terminal(language, columns, monkeypatch, capsys) -> None:
    for name in (*COMMANDS, "sandbox"):
        text = _help(name, columns, monkeypatch, capsys)
        wide = [line for line in text.splitlines() if cell_len(line) > columns - 2]
        assert not wide, f"{language} {name or 'main'} --help at {columns} columns: {wide}"
        # nothing lost or added on the way: the text of a terminal wide enough for every line, broken elsewhere
        unbroken = _help(name, 1000, monkeypatch, capsys)
        assert max(map(cell_len, unbroken.splitlines())) < 400
        assert "".join(text.split()) == "".join(unbroken.split())


def test_an_options_help_keeps_its_column_and_chinese_breaks_by_cells() -> None:
    text = ("  --timeout DURATION  超過此時間即放棄，例如 90s、10m、1h30m（結束代碼 13）；預設：不限\n"
            "  --limit N           最多顯示 N 個工作")
    fitted = fit(text, 50).splitlines()
    assert all(cell_len(line) <= 50 for line in fitted) and len(fitted) > 3
    assert fitted[0].startswith("  --timeout DURATION  超過")
    assert all(line.startswith(" " * 22) and line[22] != " " for line in fitted[1:-1])  # under the help's column
    assert fitted[-1] == "  --limit N           最多顯示 N 個工作"  # a line that fits is left as it is


def test_argparses_broken_lines_of_one_help_are_joined_before_wrapping() -> None:
    """argparse broke a Chinese help by characters (each piece about twice too wide): the pieces are
    one text again, wrapped once, joined without a space between two Chinese characters."""
    text = "  -w, --watch         持續輪詢：在終端機上重繪表格；經管線輸出時，每項變\n                      更一行（新增、狀態、進度、消失）"
    fitted = fit(text, 50).splitlines()
    assert fitted[0].startswith("  -w, --watch         持續")
    assert "".join(line[22:] for line in fitted) == "持續輪詢：在終端機上重繪表格；經管線輸出時，每項變更一行（新增、狀態、進度、消失）"
    assert all(cell_len(line) <= 50 for line in fitted)


def test_an_example_too_wide_beside_its_comment_puts_the_comment_under_it() -> None:
    fitted = fit("  activejob-tui logs -f 'j|1||Nightly publish|42'   # follow a running job until it ends", 50)
    assert fitted.splitlines() == ["  activejob-tui logs -f 'j|1||Nightly publish|42'",
                                   "    # follow a running job until it ends"]


def test_chinese_breaks_between_characters_but_never_before_a_closing_mark() -> None:
    text = "密碼絕不作為旗標：請設定 IPS_PASSWORD、放在只有您能讀取的設定檔（chmod 600）的 profile 中，或在詢問時輸入。"
    for width in range(8, 60):
        lines = wrap(text, width)
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        assert not any(line[0] in "，。、；：）" for line in lines[1:]), (width, lines)
        assert not any(line.endswith("（") for line in lines), (width, lines)
        assert "".join(text.split()) == "".join("".join(lines).split())
    # a line of Chinese is filled, not left short before the next run of Chinese
    assert wrap("會啟動內建的 IPS 沙箱，並以其示範使用者登入", 20) == ["會啟動內建的 IPS 沙", "箱，並以其示範使用者", "登入"]


def test_a_word_wider_than_the_line_is_cut_by_cells() -> None:
    assert wrap("--company-handle-very-long-x, x", 12) == ["--company-ha", "ndle-very-lo", "ng-x, x"]
