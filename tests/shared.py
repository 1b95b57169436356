"""The shared folder of the project (`../shared` beside the clone in CI): the seed the demo reproduces.

The seed is read from there, never from a copy that could drift. A git worktree sits one level
deeper than a clone, so the folder is looked for beside the clone and then beside each folder
above it; CHIDOAN_SHARED names it outright.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SELF_REVIEW_SEED = "seed/000_e54a22b6aa269bc2.txt"


def shared_file(relative: str) -> Path:
    """The file at `relative` inside the shared folder; a clear error when there is none."""
    named = os.environ.get("CHIDOAN_SHARED")
    folders = [Path(named)] if named else [folder / "shared" for folder in ROOT.parents]
    for folder in folders:
        if (folder / relative).is_file():
            return folder / relative
    raise FileNotFoundError(
        f"{relative} is not in the shared folder (looked in {', '.join(map(str, folders))}); "
        "CI puts it at ../shared beside the clone, or set CHIDOAN_SHARED."
    )


def seed_text() -> str:
    """The real self-review report the product was created from, word for word."""
    return shared_file(SELF_REVIEW_SEED).read_text(encoding="utf-8")
