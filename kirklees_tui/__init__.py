"""kirklees_tui: browse what Ofsted's inspectors found in Kirklees children's services."""

__all__ = ["__version__"]

__version__ = "0.1.0"
