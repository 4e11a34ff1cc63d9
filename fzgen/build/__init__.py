"""The pipeline: load → render → write, in workers where it pays; the preview on the same stages."""
