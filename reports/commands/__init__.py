"""One module per ``secbrief`` verb (see :mod:`reports.cli`)."""
