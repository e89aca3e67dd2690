"""``python -m eventcoder``: the same command line as ``eventcoder``."""

from .cli import app

if __name__ == "__main__":
    app()
