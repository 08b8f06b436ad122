"""The environment every measured child process runs in (one definition for all benchmarks)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


#: A laptop's screen (1366×768 at 100 %) for the offscreen platform: what users see, and the width the
#: tree's columns get (the offscreen default screen leaves the title column ~26 px, so a paint of
#: the rows measured there draws almost no title).
LAPTOP_SCREEN = ROOT / "bench" / "screens" / "laptop-1366x768.json"


def env_for(tmp: Path, cache: str = "pycache", *, screen: Path | None = None) -> dict[str, str]:
    """Offscreen Qt (on *screen*, a configuration file of the offscreen platform, when given),
    HOME and XDG folders inside *tmp*, our sources on the path.

    Bytecode caching is switched on (into ``tmp/<cache>``, so the checkout stays
    clean) even where the shell sets PYTHONDONTWRITEBYTECODE: an installed or
    packaged app always runs from .pyc files, and compiling our sources on every
    start would add ~0.2 s that no user ever pays. A fresh *cache* name gives a
    measured command its own empty cache (its "first run").
    """
    platform = "offscreen" if screen is None else f"offscreen:configfile={screen}"
    env = dict(os.environ, QT_QPA_PLATFORM=platform, HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / "cfg"),
               XDG_DATA_HOME=str(tmp / "data"), PYTHONPATH=str(ROOT / "src"), PYTHONPYCACHEPREFIX=str(tmp / cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def ab_arguments(description: str | None, argv: list[str] | None, *, rounds: int) -> argparse.Namespace:
    """The options of an A/B script (bench/ab_*.py): two source trees, rounds, plan size; with
    ``sides``, the two src folders resolved."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="the other version's src folder")
    ap.add_argument("--after", type=Path, default=ROOT / "src", help="the version measured against it (default: this checkout)")
    ap.add_argument("--rounds", type=int, default=rounds)
    ap.add_argument("--measures", type=int, default=2000)
    args = ap.parse_args(argv)
    args.sides = {"before": args.before.resolve(), "after": args.after.resolve()}
    return args
