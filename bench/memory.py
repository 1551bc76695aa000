"""Peak resident memory of the calling process, in MB (None where it cannot be read)."""

import sys

MB = 1024 * 1024


def peak_rss_mb() -> float | None:
    """The most memory this process has held at once.

    POSIX: `getrusage` (kilobytes on Linux, bytes on macOS). Windows: the peak working
    set through psutil (installed with the test extras); without it, None.
    """
    if sys.platform == "win32":
        try:
            import psutil  # type: ignore[import-untyped, unused-ignore]
        except ImportError:
            return None
        return float(psutil.Process().memory_info().peak_wset) / MB
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak / 1024
