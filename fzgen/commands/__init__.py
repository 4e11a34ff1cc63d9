"""The command line on top of the pipeline: one module per verb."""
