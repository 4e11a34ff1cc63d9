"""Stage 4: the only code that writes into the output folder."""
