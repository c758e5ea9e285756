"""Words shown = words filtered (issue 13 item 8): every state word the console shows, in every
view, finds the jobs it is shown on — with state:, the view's own field and as equality."""

from __future__ import annotations

import pytest

from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.model.jobs import ActiveJob, ScheduledJob
from activejob_tui.model.query import QueryError, parse
from activejob_tui.tui import states


@pytest.mark.parametrize("value", list(ActiveJobState))
def test_every_active_state_word_shown_filters(value):
    job, other = ActiveJob(state=value), ActiveJob(state=ActiveJobState.RUNNING if value != "Running" else ActiveJobState.NEW)
    word = states.active_state(value).plain.split(" ", 1)[1]
    for expr in (f"state:{word}", f"state={word}", f"state:{word.lower()}"):
        assert parse(expr).matches(job), expr
        assert not parse(expr).matches(other), expr


@pytest.mark.parametrize("value", list(TriggerState))
def test_every_trigger_state_word_shown_filters(value):
    job = ScheduledJob(trigger_state=value)
    other = ScheduledJob(trigger_state=TriggerState.PAUSED if value != TriggerState.PAUSED else TriggerState.NORMAL)
    word = states.trigger_state(value).plain.split(" ", 1)[1]
    for expr in (f"state:{word}", f"triggerState:{word}", f"trigger:{word}", f"triggerState={word.lower()}"):
        assert parse(expr).matches(job), expr
        assert not parse(expr).matches(other), expr


def test_the_ips_values_still_filter_and_trigger_means_the_trigger_state():
    assert parse("triggerState:normal").matches(ScheduledJob(trigger_state=TriggerState.NORMAL))
    assert parse("state:waitingcoordinator").matches(ActiveJob(state=ActiveJobState.WAITING_COORDINATOR))
    assert parse("state:waitcoord").matches(ActiveJob(state=ActiveJobState.WAITING_COORDINATOR))
    with pytest.raises(QueryError):
        parse("triggerStat:x")
