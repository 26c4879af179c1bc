"""The panes of the main screen, one per module."""
