"""The command line: ``plan-desktop [COMMAND]`` (entry point :func:`main`).

* :mod:`.dispatch` — the parser, the list of command modules, :func:`main`;
* :mod:`.context` — :class:`~.context.CliContext` handed to every command, ``CliError``;
* :mod:`.plan_commands` — ``seed``, ``export json``, ``import json``, ``check``;
* :mod:`.safety_commands` — ``backup``, ``backups``, ``restore``;
* :mod:`.exchange_commands` — ``export/import xlsx|csv``, ``export changes``, ``template``, ``merge``;
* :mod:`.print_commands`, :mod:`.print_review_commands` — ``print ...``.
"""

from .dispatch import main

__all__ = ["main"]
