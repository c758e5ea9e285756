"""``python -m activejob_tui`` is ``activejob-tui``."""

from .cli import main

raise SystemExit(main())
