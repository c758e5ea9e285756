"""``jobs --sort FIELD[:desc] --limit N`` end to end: the rows of the unsorted listing, reordered, then cut."""

from __future__ import annotations

import csv
import io

from .conftest import connect_args


def rows(run_cli, sandbox, env, *extra: str) -> list[list[str]]:
    result = run_cli("jobs", "--view", "logs", "--format", "csv", "--no-headers",
                     "--columns", "jobHandle,totalFileCount", *extra, *connect_args(sandbox), env=env)
    assert result.returncode == 0, result.stderr
    return list(csv.reader(io.StringIO(result.stdout)))


def test_sort_and_limit_the_logs(run_cli, sandbox, with_password) -> None:
    every = rows(run_cli, sandbox, with_password)
    assert len(every) >= 3
    counts = {handle: int(count) for handle, count in every if count}
    descending = rows(run_cli, sandbox, with_password, "--sort", "totalFileCount:desc")
    assert sorted(map(tuple, descending)) == sorted(map(tuple, every))  # the same rows
    numbers = [int(count) for _, count in descending if count]
    assert numbers == sorted(counts.values(), reverse=True)
    assert [count for _, count in descending[len(numbers):]] == [""] * (len(descending) - len(numbers))  # none last
    top = rows(run_cli, sandbox, with_password, "--sort", "total_file_count:desc", "--limit", "2")
    assert top == descending[:2]
    ascending = rows(run_cli, sandbox, with_password, "--sort", "totalFileCount", "--limit", "1")
    assert int(ascending[0][1]) == min(counts.values())
