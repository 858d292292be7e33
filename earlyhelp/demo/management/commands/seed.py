"""manage.py seed: the synthetic Northshire partnership for demos and load tests.

Thin: the logic is in earlyhelp.demo.synthetic.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from earlyhelp.demo import data, synthetic
from earlyhelp.demo.progress import Progress


class Command(BaseCommand):
    help = (
        "Create the fictional Northshire partnership, one demo user per role and N synthetic families. "
        "The same --seed always gives the same data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--families", type=int, default=200, help="How many families (default 200)")
        parser.add_argument("--seed", type=int, default=42, help="Random seed (default 42)")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing but print the demo logins if Northshire is already in the database",
        )
        parser.add_argument(
            "--history",
            action="store_true",
            help="Also three years of requests and episodes for about a third of the families (for report benchmarks)",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar: a plain line at every 10%% instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        families: int = options["families"]
        if families < 0:
            raise CommandError("--families must be 0 or more")
        if synthetic.partnership_exists():
            if not options["if_empty"]:
                raise CommandError(
                    f"{data.PARTNERSHIP} is already in this database. Seed a freshly migrated database (not after "
                    "`manage.py flush`, which also empties the code lists), or use --if-empty to keep what is there."
                )
            self.stdout.write(f"{data.PARTNERSHIP} is already in the database: nothing added.")
            self.print_logins()
            return

        verbosity: int = options["verbosity"]
        if verbosity == 0:
            mode = Progress.OFF
        elif options["no_progress"] or not self.stderr.isatty():
            mode = Progress.LINES
        else:
            mode = Progress.BAR
        progress = Progress(families, _Stderr(self), mode=mode)
        summary = synthetic.seed(
            families=families, seed=options["seed"], progress=progress.update, history=options["history"]
        )
        progress.finish()

        counts = ", ".join(f"{n:,} {name}" for name, n in summary.counts.items())
        done = f"Seeded {data.PARTNERSHIP} in {summary.seconds:.1f} s (seed {options['seed']}): {counts}"
        self.stdout.write(self.style.SUCCESS(done))
        self.print_logins()

    def print_logins(self) -> None:
        logins = synthetic.demo_logins()
        if not logins:
            return
        headers = ("Email", "Role", "Password")
        widths = [max(len(row[i]) for row in [headers, *logins]) for i in range(3)]
        self.stdout.write("")
        self.stdout.write("Demo logins (synthetic data only; never use these accounts with real data):")
        for row in [headers, tuple("-" * w for w in widths), *logins]:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())


class _Stderr:
    """The command's stderr as is: without the line ending and the error colour Django adds."""

    def __init__(self, command: BaseCommand) -> None:
        self.command = command

    def write(self, text: str, /) -> None:
        self.command.stderr.write(text, style_func=_plain, ending="")

    def flush(self) -> None:
        self.command.stderr.flush()


def _plain(text: str) -> str:
    return text
