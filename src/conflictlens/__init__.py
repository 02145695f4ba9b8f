"""conflictlens: conflict news in, ACLED-coded, searchable, mapped events out."""
__version__ = "0.1.0"
