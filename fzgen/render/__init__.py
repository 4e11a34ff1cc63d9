"""Stage 3: pages through the theme into output files, in memory; never writes."""
