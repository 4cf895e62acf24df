"""secbrief analysis."""
