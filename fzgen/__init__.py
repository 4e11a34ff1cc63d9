"""fzgen: static, multilingual websites for Familienzentren."""

__version__ = "0.1.0"
