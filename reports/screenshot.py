"""Look at a digest as a phone or a desktop mail client would: headless Chromium, a fixed width.

Usage: python -m reports.screenshot DIGEST.html OUT.png [--width 600] [--height 2400]

Why Chromium and not a mail client: it is the engine of Gmail's web view and of most Android
clients, it runs headless in CI, and at 375 px it is a fair stand-in for a phone. Debian's
`chromium` package is enough; nothing is fetched (the digest has no remote content) and the
profile is a fresh temporary folder each time.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def chromium() -> str | None:
    """The Chromium binary on PATH, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    binary = chromium()
    if binary is None:
        raise RuntimeError("no chromium on PATH (Debian: apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="hindsight-chromium-") as profile:
        return subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )


# Chromium will not make a window narrower than 500 px, so a phone is an iframe of its width
# inside a wider page: the digest inside lays out (and matches media queries) at that width.
NARROWEST_WINDOW = 500
_FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8"></head>
<body style="margin:0;background:#6e7781">
<iframe id="phone" src="{src}" width="{width}" height="{height}" style="border:0;display:block"
 onload="{onload}"></iframe></body></html>"""
_MEASURE = (
    "var d=this.contentDocument.documentElement,w=0;"
    "this.contentDocument.querySelectorAll('body *').forEach(function(e)"
    "{{w=Math.max(w,e.getBoundingClientRect().right)}});"
    "document.body.setAttribute('data-measured',d.scrollWidth+' '+d.clientWidth+' '+w)"
)


def _framed(html: Path, folder: Path, width: int, height: int, measure: bool) -> Path:
    page = folder / "frame.html"
    onload = _MEASURE.replace("{{", "{").replace("}}", "}") if measure else ""
    page.write_text(
        _FRAME.format(src=html.resolve().as_uri(), width=width, height=height, onload=onload)
    )
    return page


def screenshot(html: Path, png: Path, *, width: int = 600, height: int = 2400) -> Path:
    """Render `html` at `width` CSS pixels and save the top `height` pixels as a PNG.

    Below 500 px the PNG is 500 px wide: the digest at `width` on the left, grey beside it.
    """
    with tempfile.TemporaryDirectory(prefix="hindsight-frame-") as tmp:
        target = (
            html
            if width >= NARROWEST_WINDOW
            else _framed(html, Path(tmp), width, height, measure=False)
        )
        _run(
            [
                f"--window-size={max(width, NARROWEST_WINDOW)},{height}",
                "--allow-file-access-from-files",
                f"--screenshot={png.resolve()}",
                target.resolve().as_uri(),
            ],
            timeout=120,
        )
    return png


def measure(html: Path, *, width: int, height: int = 900) -> tuple[float, float, float]:
    """(scrollWidth, clientWidth, right edge of the widest element) of `html` at `width` px.

    A layout that fits has scrollWidth == clientWidth == width and nothing past the right edge.
    """
    with tempfile.TemporaryDirectory(prefix="hindsight-frame-") as tmp:
        frame = _framed(html, Path(tmp), width, height, measure=True)
        done = _run(
            [
                f"--window-size={max(width, NARROWEST_WINDOW)},{height}",
                "--allow-file-access-from-files",
                "--virtual-time-budget=5000",
                "--dump-dom",
                frame.resolve().as_uri(),
            ],
            timeout=120,
        )
    found = re.search(r'data-measured="([\d. ]+)"', done.stdout)
    if not found:
        raise RuntimeError("chromium did not report the layout's width")
    scroll, client, widest = (float(x) for x in found.group(1).split())
    return scroll, client, widest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=600)
    parser.add_argument("--height", type=int, default=2400)
    args = parser.parse_args()
    print(screenshot(args.html, args.png, width=args.width, height=args.height))


if __name__ == "__main__":
    main()
