"""The Textual browser: the app, its screens and widgets, the command palette, help, and
starting it on a terminal. The only package that imports Textual."""
