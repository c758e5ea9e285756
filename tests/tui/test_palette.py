"""The help screen and the palette read bindings through public attributes only; this guards the
one upstream behaviour that relies on: Textual's merge of ``BINDINGS`` along the class hierarchy
(including ``inherit_bindings=False`` and the palette key the App adds). Reading Textual's private
``_bindings`` is allowed here, in a test, precisely so that an upstream change fails loudly."""

from __future__ import annotations

from activejob_tui.tui.palette import bound_nodes, declared_bindings

from .helpers import running_console


def _listed(bindings):
    return [(key, b.action, b.description, b.show, b.system, b.priority, b.id) for key, b in bindings]


async def test_declared_bindings_equal_what_textual_dispatches_on():
    async with running_console() as (pilot, app, screen, source):
        nodes = bound_nodes(app)
        assert [title for title, _ in nodes] == ["Console", "Job list", "Detail pane", "Log pane", "Log text", "Global"]
        for title, node in nodes:
            assert _listed(declared_bindings(node)) == _listed(node._bindings), title
