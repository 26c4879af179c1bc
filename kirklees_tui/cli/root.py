"""The command group: `kirklees-tui` alone opens the browser; each subcommand lives with its
kind (store_commands writes stores, query_commands reads them; serve and doctor are the
shared server's). Shell completion is click's: `_KIRKLEES_TUI_COMPLETE=bash_source kirklees-tui`
prints the script for bash (zsh_source, fish_source for the others)."""

from __future__ import annotations

import click

from kirklees_tui.cli.about import show_version
from kirklees_tui.cli.common import AUTHORITY_OPTION, DB_HELP, STANCE_OPTION, VIEW_OPTION, saved_view
from kirklees_tui.cli.doctor import doctor
from kirklees_tui.cli.query_commands import export, themes, timeline, verify
from kirklees_tui.cli.serve import serve
from kirklees_tui.cli.store_commands import build, check, import_, restore

__all__ = ["cli"]


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
# --db eager and --version not: click takes eager options first, so the version names the
# store given, before or after it.
@click.option("--db", metavar="PATH", help=DB_HELP, is_eager=True)
@click.option("--theme", "themes", multiple=True, metavar="ID", help="Open filtered to a theme.")
@click.option("--search", default="", metavar="WORDS", help="Open with these words searched.")
@click.option("--speaker", metavar="NAME", help="Open on one speaker's quotes (name or alias).")
@STANCE_OPTION
@AUTHORITY_OPTION
@VIEW_OPTION
@click.option("--no-mouse", is_flag=True, help="Do not turn on mouse reporting.")
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    callback=show_version,
    help="The version, and the store's schema version and corpus digest.",
)
@click.pass_context
def cli(
    ctx: click.Context,
    db: str | None,
    themes: tuple[str, ...],
    search: str,
    speaker: str | None,
    stance: str | None,
    authority: str | None,
    view: str | None,
    no_mouse: bool,
) -> None:
    """Browse what Ofsted's inspectors found in Kirklees children's services."""
    if ctx.invoked_subcommand is None:
        from kirklees_tui.ui.launch import open_browser

        base = saved_view(view) if view else None
        open_browser(
            db, themes, search, speaker, mouse=not no_mouse, stance=stance, authority=authority, base=base
        )


for command in (build, import_, check, export, timeline, themes, verify, restore, serve, doctor):
    cli.add_command(command)
