"""``python -m frontlines.cli``: the ``frontlines`` command."""

from frontlines.cli import main

if __name__ == "__main__":
    main()
