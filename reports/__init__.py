"""secbrief reports: context, figures, rendering and the command line."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("secbrief")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
