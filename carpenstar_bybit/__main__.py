"""``python -m carpenstar_bybit``: see ``carpenstar_bybit.cli``."""

import sys

from carpenstar_bybit.cli import main

if __name__ == "__main__":
    sys.exit(main())
