"""``python -m activejob_tui.sandbox``: the same as ``activejob-tui sandbox``."""

import sys

from .command import main

if __name__ == "__main__":
    sys.exit(main())
